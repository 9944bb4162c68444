import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Operation, OperationState } from '../../../shared/domain/sync.ts';
import { startCloud, TEST_CREDENTIALS } from '../../../test/support/cloud/tuya-fixtures.ts';
import { createCore, type Core, type CoreOptions } from '../compose.ts';
import { memorySecrets, waitUntil } from '../../../test/support/removal/test-kit.ts';
import type { ProbeOutcome } from './connectivity.ts';
import { emptySyncCounts, type ActionInfo, type SyncSource, type TargetRef } from '../jobs/sync-port.ts';

/** A push queued for a cloud channel, as a cloud job kind would journal it (named apart from the real `push` source). */
interface Push {
  id: string;
  channel: string;
  key: string;
  state: OperationState;
  queuedAt: number;
  note: string | null;
}

/** A cloud job kind implementing the port in memory: enough to test the control plane's rules. */
function pushSource(pushes: Push[], resumed: (TargetRef | undefined)[]): SyncSource {
  const op = (p: Push): Operation => ({
    id: `fake-push:${p.id}`,
    source: 'fake-push',
    jobId: 'job-1',
    jobLabel: 'Full push',
    kind: 'permission-push',
    targetKind: 'cloud',
    target: 'tuya',
    targetName: 'Tuya',
    channel: p.channel,
    subject: p.channel,
    subjectName: null,
    state: p.state,
    outcome: null,
    reasonCode: p.state === 'discarded' ? 'superseded' : p.state === 'queued' ? 'cloud-unreachable' : null,
    reason: p.note,
    rawCode: null,
    attempts: 0,
    retryable: false,
    queuedAt: p.queuedAt,
    syncedAt: null,
    updatedAt: p.queuedAt,
    discardedBy: null,
    discardedAt: null,
    drift: null,
  });
  return {
    name: 'fake-push',
    counts: () => {
      const counts = emptySyncCounts();
      for (const p of pushes) counts[p.state]++;
      return counts;
    },
    list: (q) => {
      const items = pushes.filter((p) => !q.state || p.state === q.state).map(op);
      return { items: items.slice(q.offset, q.offset + q.limit), matching: items.length };
    },
    all: () => pushes.map(op),
    targets: () => [],
    resume: (target) => void resumed.push(target),
    retry: () => 0,
    discard: (ids, info: ActionInfo) => {
      let n = 0;
      for (const p of pushes) {
        if (ids !== 'all-needs-attention' && ids.includes(p.id) && p.state === 'queued') {
          p.state = 'discarded';
          p.note = `${info.kind}: ${info.note ?? ''} by ${info.actor}`;
          n++;
        }
      }
      return n;
    },
    supersedable: (key, before) =>
      pushes.filter((p) => p.key === key && p.state === 'queued' && p.queuedAt < before).map((p) => p.id),
  };
}

describe('the sync service as the control plane of every job kind', () => {
  const dirs: string[] = [];
  const cores: Core[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function core(options: Partial<CoreOptions> = {}): Core {
    const dir = mkdtempSync(join(tmpdir(), 'fcom-sync-'));
    dirs.push(dir);
    const built = createCore({ dataDir: dir, target: 'host', mdnsPolicy: 'off', secrets: memorySecrets(), ...options });
    cores.push(built);
    return built;
  }

  it('a later full push for the same channel supersedes queued earlier pushes, and only those', () => {
    const { sync } = core().services;
    const pushes: Push[] = [
      { id: 'a', channel: 'East gate', key: 'tuya:full:ch-1', state: 'queued', queuedAt: 100, note: null },
      { id: 'b', channel: 'West gate', key: 'tuya:full:ch-2', state: 'queued', queuedAt: 110, note: null },
      { id: 'c', channel: 'East gate', key: 'tuya:full:ch-1', state: 'running', queuedAt: 120, note: null },
      { id: 'd', channel: 'East gate', key: 'tuya:full:ch-1', state: 'queued', queuedAt: 200, note: null },
    ];
    sync.register(pushSource(pushes, []));
    expect(sync.supersede('fake-push:d', 'tuya:full:ch-1', 200)).toBe(1);
    expect(pushes.map((p) => [p.id, p.state])).toEqual([
      ['a', 'discarded'],
      ['b', 'queued'],
      ['c', 'running'],
      ['d', 'queued'],
    ]);
    expect(pushes[0]?.note).toBe('supersede: Superseded by fake-push:d by sync');
    expect(sync.counts()).toMatchObject({ queued: 2, running: 1, discarded: 1 });
    // The discarded push stays listed, as superseded.
    expect(sync.list({ state: 'discarded', offset: 0, limit: 10 }).items[0]).toMatchObject({
      id: 'fake-push:a',
      reasonCode: 'superseded',
    });
  });

  it('pages across sources and counts them together in the status bar badge', () => {
    const { sync, status } = core().services;
    const pushes: Push[] = Array.from({ length: 5 }, (_, i) => ({
      id: String(i),
      channel: `ch-${i}`,
      key: `k${i}`,
      state: 'queued' as const,
      queuedAt: i,
      note: null,
    }));
    sync.register(pushSource(pushes, []));
    expect(status.get()).toMatchObject({ queuedOperations: 5, attentionOperations: 0 });
    const page = sync.list({ offset: 2, limit: 2 });
    expect(page.matching).toBe(5);
    expect(page.items.map((op) => op.id)).toEqual(['fake-push:2', 'fake-push:3']);
    expect(() => sync.register(pushSource([], []))).toThrow(/already registered/);
  });

  it('resumes a cloud source when its cloud answers again, and on Sync now', async () => {
    const { sync, status } = core().services;
    const resumed: (TargetRef | undefined)[] = [];
    sync.register(pushSource([], resumed));
    let answer: ProbeOutcome = 'unreachable';
    sync.connectivity.register({ cloud: 'tuya', probe: async () => answer });
    await sync.connectivity.probeNow();
    expect(status.get().cloud).toBe('unreachable');
    expect(resumed).toEqual([]);
    answer = 'reachable';
    await sync.connectivity.probeNow();
    await waitUntil(() => resumed.length > 0, 2_000, 'the cloud source to resume');
    expect(resumed).toEqual([{ kind: 'cloud', id: 'tuya' }]);
    expect(status.get().cloud).toBe('reachable');
    const result = await sync.syncNow();
    expect(result.clouds).toEqual([expect.objectContaining({ cloud: 'tuya', reachability: 'reachable' })]);
    expect(resumed).toEqual([{ kind: 'cloud', id: 'tuya' }, undefined]);
  });

  it('watches a cloud once its settings are complete, and stops when they are removed', async () => {
    const cloud = await startCloud();
    try {
      const { sync, cloudConfig } = core({ cloud: { clients: { tuya: { proxy: false } } } }).services;
      expect(sync.connectivity.clouds()).toEqual([]);
      await cloudConfig.set({
        cloud: 'tuya',
        settings: { baseUrl: cloud.sim.origin, projectId: cloud.sim.projectId },
        secrets: { ...TEST_CREDENTIALS },
      });
      await waitUntil(() => sync.connectivity.clouds().length === 1, 2_000, 'the Tuya probe');
      expect((await sync.connectivity.probeNow())[0]).toMatchObject({ cloud: 'tuya', reachability: 'reachable' });
      await cloudConfig.set({ cloud: 'tuya', secrets: { clientSecret: null } });
      await waitUntil(() => sync.connectivity.clouds().length === 0, 2_000, 'the probe to go');
    } finally {
      await cloud.sim.close();
    }
  });
});
