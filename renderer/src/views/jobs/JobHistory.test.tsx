import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { PushChannel, PushTasks } from '../../../../shared/domain/permissions.ts';
import type { JobSummary } from '../../../../shared/domain/removal.ts';
import type { SyncStatus } from '../../../../shared/domain/sync.ts';
import { StatusBar } from '../../components/StatusBar.tsx';
import { createI18n } from '../../i18n/index.ts';
import { createAppStore } from '../../store/app-store.ts';
import { connectBridge } from '../../store/bridge.ts';
import { NO_COUNTS } from '../../store/jobs/job-progress.ts';
import { StoreProvider } from '../../store/store-context.tsx';
import { fakeApi } from '../../store/testing/fake-api.ts';
import { pushTone, pushWhy } from '../permissions/push-why.ts';
import { JobDetail } from './JobDetail.tsx';
import { JobList } from './JobList.tsx';

/** Issue 18, "one job history" and "coherent status", as the renderer shows them. */

const job = (id: string, kind: JobSummary['kind'], overrides: Partial<JobSummary> = {}): JobSummary => ({
  id,
  kind,
  state: 'done',
  mode: 'people',
  verify: false,
  label: null,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  finishedAt: null,
  total: 3,
  terminals: 3,
  counts: { ...NO_COUNTS },
  verified: 0,
  unverified: 0,
  error: null,
  ...overrides,
});

const channel = (channelId: string, overrides: Partial<PushChannel> = {}): PushChannel => ({
  jobId: 'push-1',
  channelId,
  channelName: null,
  outcome: 'done',
  rawCode: 'task:succeeded',
  reason: null,
  attempts: 1,
  tasks: [],
  ...overrides,
});

const failedTask = {
  taskId: 't-2',
  state: 'failed' as const,
  progress: 1,
  total: 6,
  succeeded: 0,
  failed: 6,
  other: 0,
  foundBy: 'answer' as const,
  startedAt: 1,
  finishedAt: 2,
  recordsStored: true,
};

const PUSH: PushTasks = {
  jobId: 'push-1',
  state: 'done',
  createdAt: 1_700_000_000_000,
  mode: 'full',
  certificate: 'card',
  channels: [
    channel('ch-1', { channelName: 'Main Entrance' }),
    channel('ch-2', { channelName: 'Car Park Gate', outcome: 'failed', rawCode: 'task:failed', tasks: [failedTask] }),
  ],
};

const JOBS = [
  job('push-1', 'permission-push', { counts: { ...NO_COUNTS, done: 1, failed: 1 }, total: 2, terminals: 2 }),
  job('aliyun-1', 'aliyun-removal', { counts: { ...NO_COUNTS, removed: 4 }, total: 4, terminals: 2 }),
  job('remove-1', 'remove', { counts: { ...NO_COUNTS, removed: 3 }, label: 'people.csv' }),
];

async function render(
  node: React.ReactNode,
  store: ReturnType<typeof createAppStore>,
  language: 'en' | 'zh-CN' = 'en',
) {
  return renderToStaticMarkup(
    <I18nextProvider i18n={await createI18n(language)}>
      <StoreProvider store={{ ...store, getInitialState: store.getState }}>{node}</StoreProvider>
    </I18nextProvider>,
  );
}

function jobsApi() {
  return fakeApi({
    'jobs:list': { ok: true, value: JOBS },
    'jobs:show': (request: { jobId: string }) => ({
      ok: true,
      value: { job: JOBS.find((j) => j.id === request.jobId)!, terminals: [], items: [], matching: 0 },
    }),
    'permissions:tasks': { ok: true, value: PUSH },
  });
}

describe('one job history (issue 18)', () => {
  it('lists every kind in Jobs: removals, Alibaba removals and Tuya pushes', async () => {
    const store = createAppStore(jobsApi().api);
    await store.getState().loadJobs();
    expect(store.getState().jobList.map((j) => j.kind)).toEqual(['permission-push', 'aliyun-removal', 'remove']);
    const html = await render(<JobList />, store);
    expect(html).toContain('Tuya permission push to 2 channels');
    expect(html).toContain('people.csv');
  });

  it('opens a push in Jobs with its own detail: its channels by name, their tasks and failures, in push words', async () => {
    const fake = jobsApi();
    const store = createAppStore(fake.api);
    await store.getState().loadJobs();
    await store.getState().openJob('push-1');
    expect(store.getState().jobPush?.channels).toHaveLength(2);
    const html = await render(<JobDetail />, store);
    expect(html).toContain('data-testid="push-job-detail"');
    expect(html).toContain('Main Entrance');
    expect(html).toContain('Car Park Gate');
    expect(html).toContain('Pushed 1 · Failed 1');
    expect(html).not.toContain('Removed 0');
    expect(html).toContain('6 of 6 people were not sent.');
    // A removal keeps its terminals and items; no push detail.
    await store.getState().openJob('remove-1');
    expect(store.getState().jobPush).toBeNull();
    expect(await render(<JobDetail />, store)).not.toContain('push-job-detail');
  });

  it('lists every push in Permissions, and shows an earlier one on demand', async () => {
    const fake = jobsApi();
    const store = createAppStore(fake.api);
    await store.getState().loadPushes();
    expect(store.getState().pushes.map((p) => p.id)).toEqual(['push-1']);
    await store.getState().showPush('push-1');
    expect(fake.calls).toContainEqual(['permissions:tasks', { jobId: 'push-1' }]);
    expect(store.getState().push?.jobId).toBe('push-1');
  });
});

describe('a push’s why text and progress colour (issue 18)', () => {
  it('blames the device only when the channel list says it is offline; otherwise says the real reason', async () => {
    const i18n = await createI18n('en');
    const failed = PUSH.channels[1]!;
    expect(pushWhy(i18n.t, failed, false)).toContain('device is offline');
    expect(pushWhy(i18n.t, failed, true)).not.toContain('offline');
    expect(pushWhy(i18n.t, failed, null)).toContain('Open the records');
    expect(pushWhy(i18n.t, channel('x', { outcome: 'failed', rawCode: 'task:stopped' }), true)).toContain('stopped');
    expect(pushWhy(i18n.t, channel('x', { outcome: 'failed', rawCode: 'plan:unknown-channel' }), null)).toContain(
      'no such channel',
    );
    expect(pushWhy(i18n.t, channel('x', { outcome: 'queued', rawCode: null }), null)).toContain('does not answer');
    expect(pushWhy(i18n.t, channel('x', { outcome: 'failed', rawCode: 'tuya:2001' }), null)).toContain('2001');
    expect(pushWhy(i18n.t, channel('x'), null)).toBe('');
    const zh = await createI18n('zh-CN');
    expect(pushWhy(zh.t, failed, false)).toMatch(/离线/);
  });

  it('colours the bar by outcome: red once a channel failed, amber while one waits, green when all pushed', () => {
    expect(pushTone(PUSH.channels)).toBe('failed');
    expect(pushTone([channel('a'), channel('b', { outcome: 'queued' })])).toBe('queued');
    expect(pushTone([channel('a'), channel('b')])).toBe('done');
    expect(pushTone([channel('a', { outcome: null })])).toBe('working');
  });
});

describe('counts that agree everywhere (issue 18)', () => {
  const sync = (queued: number): SyncStatus => ({
    counts: { queued, running: 0, done: 0, 'needs-attention': 2, discarded: 0 },
    targets: [],
    clouds: [],
    lastSyncAt: null,
    syncing: false,
  });

  it('the status bar badge shows the sync queue’s own counts, the ones the Sync view’s filters show', async () => {
    const fake = fakeApi({
      'status:get': {
        ok: true,
        value: { siteAdapters: [], cloud: 'unknown', queuedOperations: 8, attentionOperations: 0 },
      },
      'sync:status': { ok: true, value: sync(11) },
    });
    const store = createAppStore(fake.api);
    await connectBridge(fake.api, store);
    expect(await render(<StatusBar />, store)).toContain('11 operations queued');
    fake.push('sync:changed', sync(12));
    const html = await render(<StatusBar />, store);
    expect(html).toContain('12 operations queued');
    expect(html).toContain('2 need attention');
  });
});
