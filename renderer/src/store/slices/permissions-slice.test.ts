import { describe, expect, it, vi } from 'vitest';
import type { CloudConfig } from '../../../../shared/domain/cloud.ts';
import type { PushTasks, TaskDetail } from '../../../../shared/domain/permissions.ts';
import { createAppStore } from '../app-store.ts';
import { connectBridge } from '../bridge.ts';
import { fakeApi } from '../testing/fake-api.ts';

const task = { taskId: 't-1', state: 'running', progress: 0.5, total: 4, succeeded: 1, failed: 1, other: 0 } as const;

function pushOf(jobId: string, state: PushTasks['state'] = 'running'): PushTasks {
  return {
    jobId,
    state,
    createdAt: 1_700_000_000_000,
    mode: 'full',
    certificate: 'card+face',
    channels: [
      {
        jobId,
        channelId: 'c-1',
        channelName: 'Main',
        outcome: null,
        rawCode: null,
        reason: null,
        attempts: 1,
        tasks: [{ ...task, foundBy: 'answer', startedAt: null, finishedAt: null, recordsStored: false }],
      },
    ],
  };
}

const detail = (offset: number, count: number, matching: number): TaskDetail => ({
  jobId: 'job-1',
  channelId: 'c-1',
  channelName: 'Main',
  task: { ...task, foundBy: 'answer', startedAt: null, finishedAt: null, recordsStored: true },
  credentials: null,
  records: Array.from({ length: count }, (_, i) => ({
    recordId: `r-${offset + i}`,
    personId: `p-${offset + i}`,
    name: null,
    state: 'failed' as const,
    breakdown: null,
  })),
  matching,
});

describe('permissions slice', () => {
  it('selects channels, pushes them with the mode and certificate, and follows that push only', async () => {
    vi.useFakeTimers();
    try {
      let shown = pushOf('job-1');
      const fake = fakeApi({
        'permissions:channels': {
          ok: true,
          value: [
            { id: 'c-1', name: 'Main', number: '1', deviceName: 'T1', positionPath: null, online: true },
            { id: 'c-2', name: 'Gate', number: '2', deviceName: 'T2', positionPath: null, online: false },
          ],
        },
        'permissions:push': { ok: true, value: { jobId: 'job-1', channels: 2 } },
        'permissions:tasks': () => ({ ok: true, value: shown }),
        // The list of every push is read again when one starts.
        'jobs:list': { ok: true, value: [] },
      });
      const store = createAppStore(fake.api);
      await connectBridge(fake.api, store);
      const s = () => store.getState();
      await s().loadChannels();
      s().selectAllChannels(true);
      s().toggleChannel('c-2', false);
      s().setPushMode('increment');
      s().setPushCertificate('card+password+face');
      expect(await s().startPush()).toBe(true);
      expect(fake.calls).toContainEqual([
        'permissions:push',
        { channelIds: ['c-1'], mode: 'increment', certificate: 'card+password+face' },
      ]);
      expect(s().push?.jobId).toBe('job-1');

      // Another push's events are ignored; this push's events reload its tasks (throttled).
      fake.push('jobs:progress', {
        jobId: 'other',
        kind: 'permission-push',
        state: 'running',
        value: 0,
        done: 0,
        total: 1,
        counts: {},
        error: null,
      });
      expect(s().pushProgress).toBeNull();
      shown = pushOf('job-1', 'done');
      fake.push('jobs:progress', {
        jobId: 'job-1',
        kind: 'permission-push',
        state: 'done',
        value: 1,
        done: 1,
        total: 1,
        counts: {},
        error: null,
      });
      expect(s().pushProgress?.state).toBe('done');
      await vi.runAllTimersAsync();
      expect(s().push?.state).toBe('done');
    } finally {
      vi.useRealTimers();
    }
  });

  it('pages a task’s records and starts again from the first page when the filter changes', async () => {
    const fake = fakeApi({
      'permissions:task-detail': (request: { offset: number; state?: string }) => ({
        ok: true,
        value:
          request.state === 'succeeded'
            ? detail(0, 0, 0)
            : detail(request.offset, request.offset === 0 ? 200 : 50, 250),
      }),
    });
    const store = createAppStore(fake.api);
    await store.getState().openTaskRecords('t-1');
    expect(store.getState().openTask?.records).toHaveLength(200);
    await store.getState().loadMoreRecords();
    expect(store.getState().openTask?.records).toHaveLength(250);
    await store.getState().loadMoreRecords();
    expect(fake.calls.filter(([c]) => c === 'permissions:task-detail')).toHaveLength(2);
    await store.getState().openTaskRecords('t-1', 'succeeded');
    expect(store.getState().openTask).toMatchObject({ filter: 'succeeded', records: [] });
  });

  it('keeps a cloud test’s result per cloud, and forgets it when that cloud’s settings change', async () => {
    const config = { tuya: { configured: true }, aliyun: { configured: false } } as CloudConfig;
    const fake = fakeApi({
      'cloud:test': {
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'Wrong secret.', details: { source: 'tuya', kind: 'auth' } },
      },
      'cloud:set-config': { ok: true, value: config },
    });
    const store = createAppStore(fake.api);
    await store.getState().testCloud('tuya');
    expect(store.getState().cloudTests.tuya).toMatchObject({ status: 'failed', error: { details: { kind: 'auth' } } });
    expect(store.getState().error).toBeNull();
    await store.getState().saveCloudConfig({ cloud: 'tuya', secrets: { clientSecret: 'new' } });
    expect(store.getState().cloudTests.tuya).toBeUndefined();
    expect(store.getState().cloudConfig).toBe(config);
  });
});
