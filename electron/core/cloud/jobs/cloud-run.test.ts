import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../../shared/domain/job.ts';
import { createCloudRun, type RunEnd, type RunHooks } from './cloud-run.ts';

/** Hooks over an in-memory job: `queued` is the journal's queued mark of the unfinished items. */
function fakeJob(passes: RunEnd[], queuedAtStart: boolean) {
  const job = { queued: queuedAtStart, state: 'running' as JobState, work: passes.length };
  /** Whether the items were still marked queued when each pass began its work. */
  const queuedDuringWork: boolean[] = [];
  const hooks: RunHooks = {
    async work() {
      queuedDuringWork.push(job.queued);
      const end = passes.shift() ?? 'finished';
      if (end === 'finished') job.work = 0;
      return end;
    },
    hasWork: () => job.work > 0,
    cancelRemaining: () => undefined,
    setQueued: (queued) => {
      job.queued = queued;
    },
    setState: (state) => {
      job.state = state;
    },
    journalState: () => job.state,
    publish: () => undefined,
    retryMs: () => 60_000,
  };
  return { job, hooks, queuedDuringWork };
}

describe('createCloudRun', () => {
  it('clears the queued marks an earlier process left before its first pass works (the cloud is tried again)', async () => {
    // A job queued by a process that waited for the cloud and then ended (or was killed): this process resumes it.
    const { job, hooks, queuedDuringWork } = fakeJob(['finished'], true);
    const run = createCloudRun('job-1', hooks);
    run.resume();
    await run.idle();
    expect(queuedDuringWork).toEqual([false]);
    expect(job).toMatchObject({ queued: false, state: 'done' });
  });

  it('marks the items queued when a pass finds the cloud unreachable, and clears the mark on the next pass', async () => {
    const { job, hooks, queuedDuringWork } = fakeJob(['waiting', 'finished'], false);
    const run = createCloudRun('job-2', hooks);
    run.wake();
    await run.idle();
    expect(job.queued).toBe(true);
    expect(run.waiting()).toBe(true);
    run.wake();
    await run.idle();
    expect(queuedDuringWork).toEqual([false, false]);
    expect(job).toMatchObject({ queued: false, state: 'done' });
    run.close();
  });

  it('a wake during a pass that then finds the cloud down runs another pass at once, not after the retry timer', async () => {
    // "Sync now" after the cloud came back, while a pass started before still met it down.
    const { job, hooks, queuedDuringWork } = fakeJob(['waiting', 'finished'], false);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const work = hooks.work;
    let calls = 0;
    hooks.work = async (signal) => {
      if (calls++ === 0) await gate;
      return work(signal);
    };
    const run = createCloudRun('job-3', hooks);
    run.wake();
    run.wake(); // while the first pass is out
    release();
    await run.idle();
    expect(queuedDuringWork).toEqual([false, false]);
    expect(job).toMatchObject({ queued: false, state: 'done' });
    expect(run.waiting()).toBe(false);
    run.close();
  });
});
