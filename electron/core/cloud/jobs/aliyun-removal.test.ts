import { afterEach, describe, expect, it } from 'vitest';
import { startAliyunGateway, type AliyunGatewaySim } from '../../../../tools/sim/aliyun/index.ts';
import { cloudCore, waitUntil } from '../../../../test/support/cloud/cloud-jobs-kit.ts';

const APP_KEY = '203753016';
const APP_SECRET = 'gateway-secret-1';
const PROJECT_ID = 'a124projectMain1';
const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];
const GHOST = 'ghost-user';
const identity = (userId: string) => ({ userType: 'IDENTITY' as const, userId });

type Kit = ReturnType<typeof cloudCore>;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** dev-a holds u1..u6, dev-b u1..u3; u7 is known to the platform but has no face; the ghost is unknown. */
async function gateway(maxRequestsPerSecond?: number): Promise<AliyunGatewaySim> {
  const sim = await startAliyunGateway({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    projectId: PROJECT_ID,
    seed: 'aliyun-job',
    devices: [
      { iotId: 'dev-a', permissions: USERS.slice(0, 6).map(identity) },
      { iotId: 'dev-b', permissions: USERS.slice(0, 3).map(identity) },
    ],
    users: USERS.map(identity),
    ...(maxRequestsPerSecond === undefined ? {} : { maxRequestsPerSecond }),
  });
  cleanup.push(() => sim.close());
  return sim;
}

async function kit(
  sim: AliyunGatewaySim,
  settings: { batchSize?: number; requestsPerSecond?: number } = {},
): Promise<Kit> {
  const k = cloudCore();
  cleanup.push(
    () => k.remove(),
    () => k.close(),
  );
  await k.call('cloud:set-config', {
    cloud: 'aliyun',
    settings: { host: sim.origin, projectId: PROJECT_ID, batchSize: 3, requestsPerSecond: 50, ...settings },
    secrets: { appKey: APP_KEY, appSecret: APP_SECRET },
  });
  return k;
}

async function done(k: Kit, jobId: string) {
  await waitUntil(
    async () => (await k.call('jobs:list', {})).find((j) => j.id === jobId)?.state === 'done',
    20_000,
    jobId,
  );
  return k.call('jobs:show', { jobId, limit: 1000 });
}

const deletes = (sim: AliyunGatewaySim) => sim.log.matching('/face/paas/permission/delete');

describe('Alibaba face removal jobs against the gateway simulator', () => {
  it('removes in batches of the configured size under throttling; an unknown user fails alone with its code', async () => {
    const sim = await gateway(4);
    const k = await kit(sim);
    const { jobId, items } = await k.call('cloud-removal:start', {
      userIds: [...USERS, GHOST],
      scopeType: 'IOT_ID',
      scopeIds: ['dev-a', 'dev-b'],
    });
    expect(items).toBe(16);
    const detail = await done(k, jobId);
    const outcome = (scope: string, user: string) =>
      detail.items.find((i) => i.terminal === scope && i.nativeId === user);
    for (const user of USERS.slice(0, 6))
      expect(outcome('dev-a', user)).toMatchObject({ outcome: 'removed', rawCode: '200' });
    for (const user of USERS.slice(0, 3))
      expect(outcome('dev-b', user)).toMatchObject({ outcome: 'removed', rawCode: '200' });
    for (const user of ['u4', 'u5', 'u6'])
      expect(outcome('dev-b', user)).toMatchObject({ outcome: 'already-absent', rawCode: '3000' });
    expect(outcome('dev-a', 'u7')).toMatchObject({ outcome: 'already-absent', rawCode: '3000' });
    for (const scope of ['dev-a', 'dev-b']) {
      const ghost = outcome(scope, GHOST);
      expect(ghost).toMatchObject({ outcome: 'failed', rawCode: '2405', idKind: 'IDENTITY' });
      expect(ghost?.reason).toMatch(/no identity with this id.*Check the id and the user type/);
    }
    expect(sim.permissions()).toEqual([]);
    // Batches of at most 3 users, one scope per request; the gateway throttled and the job still finished.
    for (const entry of deletes(sim).filter((e) => e.status === 200)) {
      const params = (entry.body as { params: { userIdList: string[]; scopeIdList: string[] } }).params;
      expect(params.userIdList.length).toBeLessThanOrEqual(3);
      expect(params.scopeIdList).toHaveLength(1);
    }
    expect(deletes(sim).some((e) => e.status === 403)).toBe(true);
    expect(detail.job).toMatchObject({
      kind: 'aliyun-removal',
      counts: { removed: 9, 'already-absent': 5, failed: 2 },
    });
    // retry-failed puts the unknown users back; they fail the same way (the code is not transient).
    expect(await k.call('jobs:retry-failed', { jobId })).toEqual({ jobId, retried: 2 });
    const again = await done(k, jobId);
    expect(again.job.counts.failed).toBe(2);
    const csv = await k.call('jobs:export', { jobId, format: 'csv' });
    expect(csv.content).toContain('ghost-user');
  });

  it('the app paces itself: with a low requests-per-second setting the gateway never throttles', async () => {
    const sim = await gateway(3);
    const k = await kit(sim, { requestsPerSecond: 2, batchSize: 10 });
    const { jobId } = await k.call('cloud-removal:start', {
      userIds: USERS.slice(0, 6),
      scopeType: 'IOT_ID',
      scopeIds: ['dev-a', 'dev-b'],
    });
    await done(k, jobId);
    expect(deletes(sim).every((e) => e.status === 200)).toBe(true);
    expect(sim.permissions()).toEqual([]);
  });

  it('queues the removal while the cloud does not answer, and completes it when it answers again', async () => {
    const sim = await gateway();
    const k = await kit(sim);
    await sim.setOnline(false);
    const { jobId } = await k.call('cloud-removal:start', {
      userIds: ['u1', 'u2'],
      scopeType: 'IOT_ID',
      scopeIds: ['dev-a'],
    });
    await waitUntil(async () => (await k.call('jobs:show', { jobId })).job.counts.queued === 2);
    expect(k.core.services.status.get().cloud).toBe('unreachable');
    expect((await k.call('jobs:show', { jobId })).job.state).toBe('running');
    await sim.setOnline(true);
    const detail = await done(k, jobId);
    expect(detail.items.map((i) => i.outcome)).toEqual(['removed', 'removed']);
    expect(k.core.services.status.get().cloud).toBe('reachable');
  });

  it('credentials refused: every item fails with the sentence that says what to fix', async () => {
    const sim = await gateway();
    const k = await kit(sim);
    await k.call('cloud:set-config', { cloud: 'aliyun', secrets: { appSecret: 'not-the-secret' } });
    const { jobId } = await k.call('cloud-removal:start', {
      userIds: ['u1', 'u2'],
      scopeType: 'IOT_ID',
      scopeIds: ['dev-a', 'dev-b'],
    });
    const detail = await done(k, jobId);
    expect(detail.items.map((i) => i.outcome)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(detail.items[0]?.reason).toMatch(/AppSecret/);
    expect(sim.permissions()).toHaveLength(9);
  });
});
