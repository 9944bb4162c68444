import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../../tools/sim/common/people.ts';
import { issuePermissions } from './api.ts';
import type { Sleep } from './backoff.ts';
import { followTask, retryFailed, type FollowedTask, type TaskProgressReport } from './task-monitor.ts';
import { startCloud, type CloudFixture } from '../../../../test/support/cloud/tuya-fixtures.ts';

const STEP = 1000;
let fx: CloudFixture;
afterEach(() => fx.sim.close());

/** A followTask sleep on the test clock, recording the waits. */
function clockSleep(waits: number[]): Sleep {
  return (ms) => {
    waits.push(ms);
    fx.clock.advance(ms);
    return Promise.resolve();
  };
}

async function startSite(): Promise<CloudFixture> {
  return startCloud({
    seed: 'monitor',
    people: generatePeople('tuya-monitor', 24),
    channels: [{ name: '正门' }, { name: 'Car Park Gate', online: false }, { name: 'Lab Door' }],
    taskStepMs: STEP,
    recordsPerStep: 5,
    recordFailureRate: 0.3,
  });
}

describe('followTask', () => {
  it('follows a full issue to completion with failed records and the per-credential breakdown', async () => {
    fx = await startSite();
    const client = fx.client();
    const projectId = fx.sim.projectId;
    const channels = fx.sim.channels();
    const { taskIds } = await issuePermissions(client, {
      projectId,
      mode: 'full',
      channelIds: channels.map((c) => c.accessControlChannelId),
      certificate: 'card+face',
    });
    const followed: FollowedTask[] = [];
    const reports: TaskProgressReport[] = [];
    for (const taskId of taskIds) {
      followed.push(
        await followTask(client, taskId, {
          projectId,
          sleep: clockSleep([]),
          now: fx.clock.now,
          onProgress: (r) => reports.push(r),
        }),
      );
    }
    const truth = fx.sim.tasks();
    for (const task of followed) {
      const sim = truth.find((t) => t.authTaskId === task.taskId);
      expect(sim).toBeDefined();
      expect(task).toMatchObject({
        total: sim?.authNum,
        succeeded: sim?.successNum,
        failed: sim?.failedNum,
        other: 0,
        channelId: sim?.channelId,
        channelName: sim?.channelName,
        certificate: 'card+face',
      });
      // Only the failed records are read (all of them), without any breakdown: the rest is read on demand.
      expect(task.records.every((r) => r.state === 'failed' && r.issueInfo === null)).toBe(true);
      expect(task.records.map((r) => r.authTaskRecordId).sort()).toEqual(
        sim?.records
          .filter((r) => r.issueStatus === 'failed')
          .map((r) => r.authTaskRecordId)
          .sort(),
      );
      expect(task.recordsComplete).toBe(true);
      expect(task.finishedAt).not.toBeNull();
      expect(task.credentials).toBeNull();
    }
    // No issue-info during a follow, and every records call asks for failed records only.
    expect(fx.sim.log.matching('/actions/issue-info')).toEqual([]);
    const recordCalls = fx.sim.log.matching('/access-auth-task/records');
    expect(recordCalls.every((e) => (e.body as { issueStatus?: number }).issueStatus === 3)).toBe(true);
    const [main, carPark, lab] = followed;
    expect(carPark?.state).toBe('failed'); // offline device: every record fails
    expect(carPark?.succeeded).toBe(0);
    expect(main?.state).toBe('partly-failed');
    expect(lab?.failed).toBeGreaterThan(0);
    // Progress reports never go back and end at 1. The first task was followed from its start (0, running);
    // the others had already ended when their turn came, so they report their end at once.
    for (const taskId of taskIds) {
      const mine = reports.filter((r) => r.taskId === taskId);
      expect(mine.at(-1)?.progress).toBe(1);
      expect(mine.map((r) => r.progress)).toEqual([...mine.map((r) => r.progress)].sort((a, b) => a - b));
    }
    const first = reports.filter((r) => r.taskId === taskIds[0]);
    expect(first[0]).toMatchObject({ progress: 0, state: 'pending', succeeded: 0, failed: 0 });
    expect(first.some((r) => r.state === 'running' && r.progress > 0 && r.progress < 1)).toBe(true);
    expect(reports.filter((r) => r.taskId === taskIds[1])).toHaveLength(1);
  });

  it('waits longer while nothing changes (up to the cap) and short again after a change', async () => {
    fx = await startCloud({ people: generatePeople('slow', 3), channels: 1, taskStepMs: 10_000, recordsPerStep: 1 });
    const client = fx.client();
    const projectId = fx.sim.projectId;
    const channelId = fx.sim.channels()[0]?.accessControlChannelId ?? '';
    const { taskIds } = await issuePermissions(client, {
      projectId,
      mode: 'increment',
      channelIds: [channelId],
      certificate: 'card',
    });
    const waits: number[] = [];
    const changesAt: number[] = [];
    const done = await followTask(client, taskIds[0] ?? '', {
      projectId,
      pollMs: 1000,
      maxPollMs: 4000,
      sleep: clockSleep(waits),
      onProgress: () => changesAt.push(waits.length),
    });
    expect(done.state === 'succeeded' || done.state === 'partly-failed' || done.state === 'failed').toBe(true);
    // Pending for 20 s (initialized, then to be started): the wait grows ×1.5 up to the cap; the task starts
    // executing at 20 s (a change), so the wait drops back to 1 s.
    expect(waits.slice(0, 8)).toEqual([1000, 1500, 2250, 3375, 4000, 4000, 4000, 1000]);
    expect(Math.max(...waits)).toBe(4000);
    // After every change but the last (the end) the next wait is pollMs again.
    for (const index of changesAt.slice(0, -1)) expect(waits[index]).toBe(1000);
    expect(changesAt.length).toBeGreaterThanOrEqual(3);
  });

  it('is cancellable: aborting rejects with CANCELLED and stops polling', async () => {
    fx = await startSite();
    const client = fx.client();
    const projectId = fx.sim.projectId;
    const { taskIds } = await issuePermissions(client, {
      projectId,
      mode: 'full',
      channelIds: [fx.sim.channels()[0]?.accessControlChannelId ?? ''],
      certificate: 'card',
    });
    const controller = new AbortController();
    const waits: number[] = [];
    const following = followTask(client, taskIds[0] ?? '', {
      projectId,
      signal: controller.signal,
      sleep: clockSleep(waits),
      onProgress: () => controller.abort(),
    });
    await expect(following).rejects.toMatchObject({ kind: 'cancelled', code: 'CANCELLED' });
    const polls = fx.sim.log.all().filter((e) => e.path.endsWith('/access-auth-task')).length;
    expect(polls).toBe(1);
  });
});

describe('retryFailed', () => {
  it('issues an increment for exactly the channels whose records failed, and the new tasks can be followed', async () => {
    fx = await startSite();
    const client = fx.client();
    const projectId = fx.sim.projectId;
    const channels = fx.sim.channels();
    const { taskIds } = await issuePermissions(client, {
      projectId,
      mode: 'full',
      channelIds: channels.map((c) => c.accessControlChannelId),
      certificate: 'card+face',
    });
    const followed: FollowedTask[] = [];
    for (const taskId of taskIds) {
      followed.push(await followTask(client, taskId, { projectId, sleep: clockSleep([]) }));
    }
    const failedChannels = followed.filter((t) => t.failed > 0).map((t) => t.channelId);
    expect(failedChannels.length).toBeGreaterThan(0);
    const clean = { ...followed[0], failed: 0 } as FollowedTask;
    expect(await retryFailed(client, clean)).toEqual({ taskIds: [], channelIds: [], unresolved: [] });

    const retry = await retryFailed(client, followed);
    expect(retry.channelIds.sort()).toEqual([...failedChannels].sort());
    expect(retry.taskIds).toHaveLength(failedChannels.length);
    expect(retry.unresolved).toEqual([]);
    const increments = fx.sim.log.matching('/actions/increment');
    expect(increments).toHaveLength(1);
    expect(increments[0]?.body).toMatchObject({ projectId, authIssueCertificate: 2 });
    const newTasks = fx.sim.tasks().filter((t) => retry.taskIds.includes(t.authTaskId));
    expect(newTasks.every((t) => t.authIssueType === 2)).toBe(true);
    expect(newTasks.map((t) => t.channelId).sort()).toEqual([...failedChannels].sort());
    const again = await followTask(client, retry.taskIds[0] ?? '', { projectId, sleep: clockSleep([]) });
    expect(again.total).toBeGreaterThan(0);
  });

  it('reports tasks it cannot retry (channel unknown) instead of guessing', async () => {
    fx = await startSite();
    const task = { taskId: 't1', projectId: 'p', failed: 2, channelId: null, certificate: 'card' } as FollowedTask;
    expect(await retryFailed(fx.client(), task)).toEqual({ taskIds: [], channelIds: [], unresolved: ['t1'] });
    expect(fx.sim.log.all()).toEqual([]);
  });
});
