import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import { startTuyaCloud } from '../../../tools/sim/tuya/index.ts';
import { TEST_CREDENTIALS } from '../../../test/support/cloud/tuya-fixtures.ts';
import { cloudCore, waitUntil } from '../../../test/support/cloud/cloud-jobs-kit.ts';
import { createConnectivityMonitor } from './connectivity.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('one source of each cloud’s reachability (issue 18)', () => {
  it('keeps what calls showed of a cloud without a probe, and hands it to the probe registered later', () => {
    const reachable: string[] = [];
    const m = createConnectivityMonitor({ onReachable: (c) => reachable.push(c), onChange: () => {} });
    cleanup.push(() => m.stop());
    expect(m.overall()).toBe('unknown');
    m.observe('aliyun', 'unreachable');
    expect(m.reachability('aliyun')).toBe('unreachable');
    expect(m.overall()).toBe('unreachable');
    m.observe('aliyun', 'reachable');
    expect(reachable).toEqual(['aliyun']);
    m.observe('tuya', 'unreachable');
    m.register({ cloud: 'tuya', probe: async () => 'reachable' });
    expect(m.clouds().map((c) => [c.cloud, c.reachability])).toEqual([
      ['tuya', 'unreachable'],
      ['aliyun', 'reachable'],
    ]);
    expect(m.overall()).toBe('unreachable');
  });

  it('the sync queue’s cloud target, its cloud line and the status bar agree while a push waits and after', async () => {
    const sim = await startTuyaCloud({
      ...TEST_CREDENTIALS,
      seed: 'one-source',
      people: generatePeople('one-source', 4),
      channels: [{ name: 'Main Entrance' }],
      taskStepMs: 10,
      recordsPerStep: 4,
    });
    cleanup.push(() => sim.close());
    const k = cloudCore();
    cleanup.push(
      () => k.remove(),
      () => k.close(),
    );
    await k.call('cloud:set-config', {
      cloud: 'tuya',
      settings: { baseUrl: sim.origin, projectId: sim.projectId },
      secrets: { clientId: TEST_CREDENTIALS.clientId, clientSecret: TEST_CREDENTIALS.clientSecret },
    });
    const [channel] = await k.call('permissions:channels', {});
    await sim.setOnline(false);
    const { jobId } = await k.call('permissions:push', {
      channelIds: [channel!.id],
      mode: 'full',
      certificate: 'card',
    });
    await waitUntil(async () => (await k.call('jobs:show', { jobId })).job.counts.queued === 1);

    const views = async () => {
      const sync = await k.call('sync:status', {});
      return {
        target: sync.targets.find((t) => t.target === 'tuya')?.reachable,
        line: sync.clouds.find((c) => c.cloud === 'tuya')?.reachability,
        bar: k.core.services.status.get().cloud,
      };
    };
    expect(await views()).toEqual({ target: false, line: 'unreachable', bar: 'unreachable' });

    await sim.setOnline(true);
    await k.call('sync:now', {});
    await waitUntil(async () => (await k.call('jobs:show', { jobId })).job.state === 'done', 20_000, 'the push');
    const after = await views();
    expect(after.line).toBe('reachable');
    expect(after.bar).toBe('reachable');
  });
});
