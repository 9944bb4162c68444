import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../../tools/sim/common/people.ts';
import { startAliyunGateway } from '../../../../tools/sim/aliyun/index.ts';
import { startTuyaCloud } from '../../../../tools/sim/tuya/index.ts';
import { TEST_CREDENTIALS } from '../../../../test/support/cloud/tuya-fixtures.ts';
import { cloudCore, FAST, waitUntil } from '../../../../test/support/cloud/cloud-jobs-kit.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A core whose cloud jobs and probes do not retry on their own within a test: only Sync now resumes them. */
function kit() {
  const k = cloudCore({
    cloud: { ...FAST, jobs: { ...FAST.jobs, retryMs: 600_000 } },
    sync: { connectivity: { baseMs: 600_000, maxMs: 600_000, healthyMs: 600_000 }, publishIntervalMs: 10 },
  });
  cleanup.push(
    () => k.remove(),
    () => k.close(),
  );
  return k;
}

async function tuya(k: ReturnType<typeof kit>) {
  const sim = await startTuyaCloud({
    ...TEST_CREDENTIALS,
    seed: 'push-sync',
    people: generatePeople('push-sync', 6),
    channels: [{ name: 'Main Gate' }, { name: 'Lab Door' }],
    taskStepMs: 10,
    recordsPerStep: 10,
  });
  cleanup.push(() => sim.close());
  await k.call('cloud:set-config', {
    cloud: 'tuya',
    settings: { baseUrl: sim.origin, projectId: sim.projectId },
    secrets: { clientId: TEST_CREDENTIALS.clientId, clientSecret: TEST_CREDENTIALS.clientSecret },
  });
  return sim;
}

const list = (k: ReturnType<typeof kit>, state?: 'queued' | 'done' | 'discarded') =>
  k.call('sync:list', { ...(state ? { state } : {}), limit: 100 });

describe('cloud jobs in the sync queue', () => {
  it('Tuya pushes: queued with a reason while the cloud is offline, Sync now sends each channel once', async () => {
    const k = kit();
    const sim = await tuya(k);
    const channels = await k.call('permissions:channels', {});
    await sim.setOnline(false);
    const { jobId } = await k.call('permissions:push', {
      channelIds: channels.map((c) => c.id),
      mode: 'full',
      certificate: 'card',
    });
    await waitUntil(async () => (await list(k, 'queued')).matching === 2, 10_000, 'queued channels');
    const queued = (await list(k, 'queued')).items;
    expect(queued.map((op) => [op.source, op.targetKind, op.target, op.reasonCode])).toEqual([
      ['push', 'cloud', 'tuya', 'cloud-unreachable'],
      ['push', 'cloud', 'tuya', 'cloud-unreachable'],
    ]);
    expect(queued.every((op) => op.id.startsWith('push:') && op.reason && op.jobId === jobId)).toBe(true);
    expect((await k.call('sync:status', {})).targets).toMatchObject([
      { targetKind: 'cloud', target: 'tuya', queued: 2, reachable: false },
    ]);

    await sim.setOnline(true);
    await k.call('sync:now', {});
    await k.core.services.sync.whenIdle();
    await waitUntil(async () => (await list(k, 'done')).matching === 2, 10_000, 'channels done');
    expect(k.core.services.sync.counts()).toMatchObject({ queued: 0, running: 0, done: 2 });
    const issued = sim.log.matching('/access-auth-issue/actions/').filter((e) => e.status === 200);
    expect(issued).toHaveLength(2);
  });

  it('keeps when a push was first queued across a retry while offline, and when it was synced', async () => {
    const k = kit();
    const sim = await tuya(k);
    const [gate] = await k.call('permissions:channels', {});
    if (!gate) throw new Error('a channel expected');
    await sim.setOnline(false);
    const before = Date.now();
    await k.call('permissions:push', { channelIds: [gate.id], mode: 'full', certificate: 'card' });
    await waitUntil(async () => (await list(k, 'queued')).matching === 1, 10_000, 'queued channel');
    const [first] = (await list(k, 'queued')).items;
    if (!first?.queuedAt) throw new Error(`queuedAt expected: ${JSON.stringify(first)}`);
    expect(first.queuedAt).toBeGreaterThanOrEqual(before);
    expect(first.queuedAt).toBeLessThanOrEqual(Date.now());
    expect(first.syncedAt).toBeNull();

    // Sync now while the cloud is still offline: another pass, queued again (its last change moves on).
    await new Promise((resolve) => setTimeout(resolve, 30));
    await k.call('sync:now', {});
    await k.core.services.sync.whenIdle();
    await waitUntil(
      async () => (await list(k, 'queued')).items[0]?.updatedAt !== first.updatedAt,
      10_000,
      'a second pass while offline',
    );
    const [again] = (await list(k, 'queued')).items;
    expect(again).toMatchObject({ id: first.id, state: 'queued', queuedAt: first.queuedAt });
    expect(again?.updatedAt).toBeGreaterThan(first.queuedAt);

    await new Promise((resolve) => setTimeout(resolve, 30));
    await sim.setOnline(true);
    await k.call('sync:now', {});
    await k.core.services.sync.whenIdle();
    await waitUntil(async () => (await list(k, 'done')).matching === 1, 10_000, 'channel done');
    const [done] = (await list(k, 'done')).items;
    expect(done).toMatchObject({ id: first.id, queuedAt: first.queuedAt });
    expect(done?.syncedAt).toBeGreaterThan(again?.updatedAt ?? Infinity);

    // The report's queued and synced columns are these times, not the last change.
    const csv = k.core.services.report.build({ format: 'csv' }).content;
    const row = csv.split('\r\n').find((line) => line.startsWith(`operation,${first.id},`));
    expect(row).toContain(`,${new Date(first.queuedAt).toISOString()},${new Date(done?.syncedAt ?? 0).toISOString()},`);
  });

  it('a later full push supersedes the queued channels of an earlier push, with the history', async () => {
    const k = kit();
    const sim = await tuya(k);
    const [gate, lab] = (await k.call('permissions:channels', {})).map((c) => ({ id: c.id }));
    if (!gate || !lab) throw new Error('two channels expected');
    await sim.setOnline(false);
    const first = await k.call('permissions:push', {
      channelIds: [gate.id, lab.id],
      mode: 'full',
      certificate: 'card',
    });
    await waitUntil(async () => (await list(k, 'queued')).matching === 2, 10_000, 'first push queued');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await k.call('permissions:push', { channelIds: [gate.id], mode: 'full', certificate: 'card' });

    const discarded = (await list(k, 'discarded')).items;
    expect(discarded).toHaveLength(1);
    expect(discarded[0]).toMatchObject({ jobId: first.jobId, subject: gate.id, reasonCode: 'superseded' });
    expect(discarded[0]?.discardedBy).toBe('sync');
    const actions = k.core.services.syncHistory.actions();
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ opId: discarded[0]?.id, action: 'supersede', actor: 'sync' });
    expect(actions[0]?.note).toMatch(/^Superseded by push:\d+$/);

    await sim.setOnline(true);
    await k.call('sync:now', {});
    await k.core.services.sync.whenIdle();
    await waitUntil(async () => k.core.services.sync.counts().done === 2, 10_000, 'both pushes done');
    // The gate once (the second push), the lab once (the first); the superseded channel is never sent.
    const issued = sim.log.matching('/access-auth-issue/actions/').filter((e) => e.status === 200);
    expect(issued).toHaveLength(2);
    const gateOps = (await list(k)).items.filter((op) => op.subject === gate.id);
    expect(gateOps.map((op) => [op.jobId, op.state])).toEqual(
      expect.arrayContaining([
        [second.jobId, 'done'],
        [first.jobId, 'discarded'],
      ]),
    );
  });

  it('Alibaba removals: queued while offline, Sync now removes each once, not found (3000) is done', async () => {
    const identity = (userId: string) => ({ userType: 'IDENTITY' as const, userId });
    const sim = await startAliyunGateway({
      appKey: '203753016',
      appSecret: 'gateway-secret-1',
      projectId: 'a124projectMain1',
      seed: 'aliyun-sync',
      devices: [{ iotId: 'dev-a', permissions: ['u1', 'u2'].map(identity) }],
      users: ['u1', 'u2', 'u3'].map(identity),
    });
    cleanup.push(() => sim.close());
    const k = kit();
    await k.call('cloud:set-config', {
      cloud: 'aliyun',
      settings: { host: sim.origin, projectId: 'a124projectMain1', batchSize: 2, requestsPerSecond: 50 },
      secrets: { appKey: '203753016', appSecret: 'gateway-secret-1' },
    });
    await sim.setOnline(false);
    await k.call('cloud-removal:start', { userIds: ['u1', 'u2', 'u3'], scopeType: 'IOT_ID', scopeIds: ['dev-a'] });
    await waitUntil(async () => (await list(k, 'queued')).matching === 3, 10_000, 'queued removals');
    const queued = (await list(k, 'queued')).items;
    expect(queued.every((op) => op.source === 'aliyun' && op.target === 'aliyun')).toBe(true);
    expect(queued.every((op) => op.reasonCode === 'cloud-unreachable' && op.channel === 'dev-a')).toBe(true);
    expect(queued.every((op) => op.queuedAt !== null && op.syncedAt === null)).toBe(true);

    await sim.setOnline(true);
    await k.call('sync:now', {});
    await k.core.services.sync.whenIdle();
    await waitUntil(async () => (await list(k, 'done')).matching === 3, 10_000, 'removals done');
    const done = (await list(k, 'done')).items;
    expect(done.find((op) => op.subject === 'u3')).toMatchObject({ outcome: 'already-absent', rawCode: '3000' });
    for (const op of done) {
      expect(op.queuedAt).toBe(queued.find((q) => q.id === op.id)?.queuedAt);
      expect(op.syncedAt).toBeGreaterThanOrEqual(op.queuedAt ?? Infinity);
    }
    // Batches of two: [u1, u2] answered 200, [u3] 3000; each user in exactly one request.
    const sent = sim.log.matching('/face/paas/permission/delete').filter((e) => e.status === 200);
    expect(sent).toHaveLength(2);
    for (const user of ['u1', 'u2', 'u3'])
      expect(sent.filter((e) => JSON.stringify(e.body).includes(`"${user}"`))).toHaveLength(1);
    expect(sim.permissions()).toEqual([]);
  });
});
