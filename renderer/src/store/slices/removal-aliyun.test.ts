import { describe, expect, it } from 'vitest';
import type { CloudConfig } from '../../../../shared/domain/cloud.ts';
import type { JobSummary } from '../../../../shared/domain/removal.ts';
import type { ReviewedPlan } from '../../../../shared/domain/removal-draft.ts';
import { createAppStore } from '../app-store.ts';
import { fakeApi, type FakeAnswer } from '../testing/fake-api.ts';
import { terminal } from '../testing/terminals.ts';
import { aliyunPartOf } from './removal-slice.ts';
import { draftSummary } from '../testing/draft-summary.ts';

/** A cloud config with Alibaba set up (or not), default user type OPEN, 2 users per request. */
function cloudConfig(configured: boolean): CloudConfig {
  return {
    tuya: {
      settings: { baseUrl: 'https://openapi.tuyacn.com', projectId: '', requestsPerSecond: 10, followLimitMinutes: 20 },
      secrets: { clientId: false, clientSecret: false },
      configured: false,
    },
    aliyun: {
      settings: {
        host: 'api.link.aliyun.com',
        projectId: 'p1',
        auth: 'project',
        userType: 'OPEN',
        batchSize: 2,
        requestsPerSecond: 5,
      },
      secrets: { appKey: configured, appSecret: configured, iotToken: false },
      configured,
    },
  };
}

/** A finished terminal removal job as jobs:show answers it. */
function jobSummary(id: string): JobSummary {
  return {
    id,
    kind: 'remove',
    state: 'done',
    mode: 'people',
    verify: false,
    label: null,
    createdAt: 1,
    updatedAt: 1,
    finishedAt: 1,
    total: 3,
    terminals: 1,
    counts: { removed: 3, 'already-absent': 0, failed: 0, queued: 0, cancelled: 0, pending: 0 },
    verified: 0,
    unverified: 0,
    error: null,
  };
}

const plan: ReviewedPlan = {
  planId: 'p1',
  mode: 'people',
  terminals: [],
  offline: [],
  skipped: [],
  totalItems: 3,
  unplannableItems: 0,
  estimatedMs: 10,
};

function parsedAnswer(ids: string[]): FakeAnswer {
  return { ok: true, value: draftSummary(ids) };
}

async function storeWith(answers: Record<string, FakeAnswer>, configured = true) {
  const fake = fakeApi({
    'removal:parse-input': parsedAnswer(['u1', 'u2', 'u3']),
    'cloud:get-config': { ok: true, value: cloudConfig(configured) },
    'jobs:list': { ok: true, value: [] },
    'jobs:show': { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } },
    ...answers,
  });
  const store = createAppStore(fake.api);
  await store.getState().readRemovalInput({ kind: 'paste', text: 'u1 u2 u3' });
  return { fake, store };
}

describe('removal slice: the Alibaba Cloud part', () => {
  it('removes from Alibaba only: no terminal dry run, the cloud job started with the default user type', async () => {
    const { fake, store } = await storeWith({
      'removal:cloud-start': { ok: true, value: { jobId: 'cloud-1', items: 6, failedAtPlan: 0 } },
    });
    store.getState().setAliyunTarget({ enabled: true, scopeType: 'SPACE_ID', idsText: 'space-1\nspace-2' });
    expect(await store.getState().planRemoval()).toBe(true);
    expect(fake.calls.map(([channel]) => channel)).not.toContain('removal:plan');
    expect(store.getState().removalWizard).toMatchObject({
      step: 'review',
      plan: null,
      aliyunPlan: { users: 3, pairs: 6, requests: 4, batchSize: 2 },
    });

    expect(await store.getState().startRemoval()).toBe('cloud-1');
    expect(fake.calls).toContainEqual([
      'removal:cloud-start',
      // The core turns the draft's people into user ids: no id list crosses.
      { draftId: 'd1', userType: 'OPEN', scopeType: 'SPACE_ID', scopeIds: ['space-1', 'space-2'] },
    ]);
    expect(fake.calls.map(([channel]) => channel)).not.toContain('removal:start');
    expect(store.getState().section).toBe('jobs');
    expect(store.getState().jobView?.jobId).toBe('cloud-1');
    expect(store.getState().removalWizard.aliyun.enabled).toBe(false);
  });

  it('runs both jobs; when only the cloud one is refused, keeps its part for another try', async () => {
    const { fake, store } = await storeWith({
      'removal:plan': { ok: true, value: plan },
      'removal:start': { ok: true, value: { jobId: 'job-1', plan } },
      'removal:cloud-start': { ok: false, error: { code: 'VALIDATION', message: 'no' } },
      'jobs:show': { ok: true, value: { job: jobSummary('job-1'), terminals: [], items: [], matching: 0 } },
    });
    store.getState().receiveTerminal(terminal({ serial: 'A' }));
    store.getState().setRemovalTargets(['A']);
    store.getState().setAliyunTarget({ enabled: true, idsText: 'dev-1', userType: 'IDENTITY' });
    expect(await store.getState().planRemoval()).toBe(true);
    expect(store.getState().removalWizard.plan).toEqual(plan);

    expect(await store.getState().startRemoval()).toBe('job-1');
    expect(fake.calls).toContainEqual(['removal:start', { planId: 'p1' }]);
    expect(fake.calls).toContainEqual([
      'removal:cloud-start',
      { draftId: 'd1', userType: 'IDENTITY', scopeType: 'IOT_ID', scopeIds: ['dev-1'] },
    ]);
    expect(store.getState().error?.code).toBe('VALIDATION');
    expect(store.getState().jobView?.jobId).toBe('job-1');
    expect(store.getState().removalWizard).toMatchObject({
      step: 'targets',
      targets: [],
      aliyun: { enabled: true, idsText: 'dev-1' },
      plan: null,
      aliyunPlan: null,
    });
  });

  it('plans nothing while the ids are wrong, and ignores the part when Alibaba is not set up', async () => {
    const { fake, store } = await storeWith({});
    await store.getState().loadCloudConfig();
    store.getState().setAliyunTarget({ enabled: true, idsText: 'dev-1 iot:dev-2' });
    expect(aliyunPartOf(store.getState())).toBe('problem');
    expect(await store.getState().planRemoval()).toBe(false);
    expect(fake.calls.map(([channel]) => channel)).not.toContain('removal:plan');

    const notSet = await storeWith({}, false);
    await notSet.store.getState().loadCloudConfig();
    notSet.store.getState().setAliyunTarget({ enabled: true, idsText: 'dev-1' });
    expect(aliyunPartOf(notSet.store.getState())).toBeNull();
  });
});
