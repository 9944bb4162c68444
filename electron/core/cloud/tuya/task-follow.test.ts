import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../../tools/sim/common/people.ts';
import type { TaskNumbering } from '../../../../tools/sim/tuya/task-values.ts';
import { issuePermissions } from './api.ts';
import type { Sleep } from './backoff.ts';
import { followTask, followTaskBounded } from './task-monitor.ts';
import { startCloud, type CloudFixture } from '../../../../test/support/cloud/tuya-fixtures.ts';

let fx: CloudFixture | undefined;
afterEach(async () => {
  await fx?.sim.close();
  fx = undefined;
});

function clockSleep(): Sleep {
  return (ms) => {
    fx?.clock.advance(Math.ceil(ms));
    return Promise.resolve();
  };
}

async function issueOne(people: number, options: Parameters<typeof startCloud>[0] = {}) {
  fx = await startCloud({
    seed: 'follow',
    people: generatePeople('tuya-follow', people),
    channels: [{ name: '正门' }],
    taskStepMs: 1000,
    recordsPerStep: 50,
    recordFailureRate: 0.3,
    ...options,
  });
  const client = fx.client();
  const projectId = fx.sim.projectId;
  const channelId = fx.sim.channels()[0]?.accessControlChannelId ?? '';
  const { taskIds } = await issuePermissions(client, {
    projectId,
    mode: 'full',
    channelIds: [channelId],
    certificate: 'card',
  });
  return { client, projectId, channelId, taskId: taskIds[0] ?? '' };
}

describe('following a task in O(failures)', () => {
  it('reads no success and no issue-info: polls, then only the failed records, page by page', async () => {
    const { client, projectId, taskId } = await issueOne(600);
    const task = await followTask(client, taskId, { projectId, sleep: clockSleep(), now: fx!.clock.now });
    const truth = fx!.sim.tasks()[0]!;
    expect(task).toMatchObject({
      total: 600,
      succeeded: truth.successNum,
      failed: truth.failedNum,
      state: 'partly-failed',
    });
    expect(task.records.map((r) => r.authTaskRecordId).sort()).toEqual(
      truth.records
        .filter((r) => r.issueStatus === 'failed')
        .map((r) => r.authTaskRecordId)
        .sort(),
    );
    const log = fx!.sim.log.all();
    expect(log.filter((e) => e.path.includes('issue-info'))).toEqual([]);
    const records = log.filter((e) => e.path.endsWith('/records'));
    expect(records.every((e) => (e.body as { issueStatus?: number }).issueStatus === 3)).toBe(true);
    // The pages after the first, read once the task ended: exactly ceil(failed / 100) - 1 of them.
    const laterPages = records.filter((e) => (e.body as { page: number }).page > 1);
    expect(laterPages).toHaveLength(Math.ceil(truth.failedNum / 100) - 1);
    // Never the same finished page twice.
    const pages = laterPages.map((e) => (e.body as { page: number }).page);
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('a silent page cap on the records call: the short pages are not the end while the total says more', async () => {
    const { client, projectId, taskId } = await issueOne(600, { knobs: { pageCap: 30 } });
    const task = await followTask(client, taskId, { projectId, sleep: clockSleep() });
    const truth = fx!.sim.tasks()[0]!;
    expect(task.records).toHaveLength(truth.failedNum);
    expect(task.recordsComplete).toBe(true);
    expect(new Set(task.records.map((r) => r.authTaskRecordId)).size).toBe(truth.failedNum);
  });

  it('journals through the cache: a follow resumed after the end reads only the failed pages not stored yet', async () => {
    const { client, projectId, taskId, channelId } = await issueOne(600);
    fx!.clock.advance(60_000); // the task has ended
    const stored: string[] = [];
    let ended: unknown;
    const first = await followTaskBounded(client, taskId, {
      projectId,
      sleep: clockSleep(),
      cache: {
        failedStored: 0,
        onEnded: (counts) => (ended = counts),
        onFailedRecords: (records) => stored.push(...records.map((r) => r.authTaskRecordId)),
      },
    });
    expect(first.kind).toBe('finished');
    const before = fx!.sim.log.all().length;
    // A second follow with what the journal holds (say the first 100 failed): no detail, no poll, pages 2.. only.
    const again = await followTaskBounded(client, taskId, {
      projectId,
      channelId,
      cache: {
        failedStored: 100,
        detail: { taskStartTime: 1, accessControlChannelName: '正门', businessDeviceName: null },
        ended: ended as never,
      },
    });
    const calls = fx!.sim.log.all().slice(before);
    expect(calls.every((e) => e.path.endsWith('/records') && (e.body as { page: number }).page >= 2)).toBe(true);
    expect(again.kind === 'finished' && again.task.records.length).toBe(stored.length - 100);
  });
});

describe('the end of a task whichever numbering the cloud uses', () => {
  for (const numbering of ['response', 'request'] as TaskNumbering[]) {
    for (const finishTimes of [true, false]) {
      it(`${numbering} tables, finish time ${finishTimes ? 'sent' : 'never sent'}: ends, with the right counts and state`, async () => {
        const { client, projectId, taskId } = await issueOne(120, {
          taskNumbering: numbering,
          taskFinishTimes: finishTimes,
        });
        const outcome = await followTaskBounded(client, taskId, {
          projectId,
          sleep: clockSleep(),
          now: fx!.clock.now,
          limitMs: 10 * 60_000,
        });
        const truth = fx!.sim.tasks()[0]!;
        expect(outcome.kind).toBe('finished');
        if (outcome.kind !== 'finished') return;
        expect(outcome.task).toMatchObject({ total: 120, succeeded: truth.successNum, failed: truth.failedNum });
        expect(outcome.task.state).toBe('partly-failed');
        // It ended soon after the cloud finished (6 s of work), not at the limit.
        expect(fx!.clock.now() - truth.taskStartTime).toBeLessThan(30_000);
      });

      it(`${numbering} tables, finish time ${finishTimes ? 'sent' : 'never sent'}: a task stopped in the cloud ends 'stopped'`, async () => {
        const { client, projectId, taskId } = await issueOne(120, {
          taskNumbering: numbering,
          taskFinishTimes: finishTimes,
        });
        fx!.clock.advance(3500); // executing: some records done
        expect(fx!.sim.terminateTask(taskId)).toBe(true);
        const outcome = await followTaskBounded(client, taskId, {
          projectId,
          sleep: clockSleep(),
          limitMs: 10 * 60_000,
        });
        expect(outcome.kind === 'finished' && outcome.task.state).toBe('stopped');
      });
    }
  }

  it('bounded: a task still running at the limit is answered "running" with its progress, never followed for ever', async () => {
    const { client, projectId, taskId } = await issueOne(600, { taskStepMs: 60_000 });
    const outcome = await followTaskBounded(client, taskId, {
      projectId,
      sleep: clockSleep(),
      now: fx!.clock.now,
      pollMs: 1000,
      maxPollMs: 15_000,
      limitMs: 5 * 60_000,
    });
    expect(outcome.kind).toBe('running');
    if (outcome.kind !== 'running') return;
    expect(outcome.report.total).toBe(600);
    expect(outcome.report.progress).toBeLessThan(1);
    // Polls with back-off (short again after each change, once a minute here), not one a second (300).
    const polls = fx!.sim.log.all().filter((e) => e.path.endsWith('/access-auth-task')).length;
    expect(polls).toBeLessThan(60);
    expect(fx!.sim.log.matching('issue-info')).toEqual([]);
  });
});
