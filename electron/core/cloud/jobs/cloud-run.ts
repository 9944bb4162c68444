import type { JobState } from '../../../../shared/domain/job.ts';

/** How one pass over a job's work ended. */
export type RunEnd = 'finished' | 'waiting' | 'stopped';

/** What a run needs from its job kind. */
export interface RunHooks {
  /** One pass over the job's unfinished work; honours `signal` (pause, cancel, shutdown). */
  work(signal: AbortSignal): Promise<RunEnd>;
  hasWork(): boolean;
  cancelRemaining(): void;
  /** Marks (or clears) the unfinished items as queued: the cloud does not answer. */
  setQueued(queued: boolean): void;
  setState(state: JobState, error?: string | null): void;
  /** The job's state in the journal (another process may have cancelled it). */
  journalState(): JobState | undefined;
  publish(force?: boolean): void;
  /** How long to wait before trying again after the cloud did not answer. */
  retryMs(): number;
}

/** One cloud job being executed in this process, steered by pause, resume and cancel. */
export interface CloudRun {
  readonly jobId: string;
  /** Starts a pass when none runs (also ends a wait for the cloud early). */
  wake(): void;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Shutdown: aborts calls in flight; what they journaled stays for the next start. */
  close(): void;
  /** Resolves when no pass runs (finished, waiting for the cloud, paused or cancelled). */
  idle(): Promise<void>;
  /** Whether the run waits for the cloud to answer again. */
  waiting(): boolean;
  /** Whether the run has ended for good (done or cancelled). */
  ended(): boolean;
}

/**
 * Creates the run of a cloud job: one pass at a time; every pass starts by clearing the queued marks, and a pass
 * that ends 'waiting' marks the items queued and tries again after `retryMs` (or at once on
 * {@link CloudRun.wake}); the job's state in the journal is
 * `running` while work remains (also while it waits), `paused`, `cancelled`, or `done`.
 */
export function createCloudRun(jobId: string, hooks: RunHooks): CloudRun {
  const close = new AbortController();
  let stop = new AbortController();
  let stopReason: 'pause' | 'cancel' | null = null;
  let ended = false;
  let active = false;
  let waiting = false;
  // A wake that came while a pass was running (e.g. "Sync now" after the cloud came back): that pass may have
  // met the cloud still down, so another pass follows it at once instead of after the retry timer.
  let wokenWhileActive = false;
  let timer: NodeJS.Timeout | undefined;
  let idleWaiters: (() => void)[] = [];

  const canWork = (): boolean => !ended && stopReason === null && !close.signal.aborted;
  const clearTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  const settle = (): void => {
    if (active) return;
    if (!close.signal.aborted && !ended) {
      if (hooks.journalState() === 'cancelled') ended = true;
      else if (stopReason === 'cancel') {
        hooks.cancelRemaining();
        hooks.setState('cancelled');
        ended = true;
      } else if (!hooks.hasWork()) {
        hooks.setState('done');
        ended = true;
      } else if (stopReason === 'pause') hooks.setState('paused');
      hooks.publish(true);
    }
    if (ended) clearTimer();
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const pass = async (): Promise<void> => {
    let end: RunEnd;
    try {
      // A pass tries the cloud again: nothing is "queued, the cloud does not answer" while it runs. Also on the
      // first pass of a run, whose items an earlier pass (maybe another process, before a crash) left marked.
      hooks.setQueued(false);
      waiting = false;
      end = await hooks.work(AbortSignal.any([stop.signal, close.signal]));
    } catch (error) {
      // A bug or a storage failure: recorded on the job; the work stays for a later resume.
      hooks.setState('failed', error instanceof Error ? error.message : String(error));
      ended = true;
      end = 'stopped';
    }
    active = false;
    const wokenAgain = wokenWhileActive;
    wokenWhileActive = false;
    if (end === 'waiting' && canWork() && wokenAgain) {
      wake();
      return;
    }
    if (end === 'waiting' && canWork()) {
      waiting = true;
      hooks.setQueued(true);
      hooks.publish(true);
      timer = setTimeout(wake, hooks.retryMs());
      timer.unref();
    }
    settle();
  };

  function wake(): void {
    if (!canWork()) return;
    if (active) {
      wokenWhileActive = true;
      return;
    }
    clearTimer();
    active = true;
    void pass();
  }

  return {
    jobId,
    wake,
    pause() {
      if (ended || stopReason !== null) return;
      stopReason = 'pause';
      stop.abort();
      clearTimer();
      hooks.setState('paused');
      hooks.publish(true);
      settle();
    },
    resume() {
      if (ended || stopReason === 'cancel') return;
      if (stopReason === 'pause') {
        stopReason = null;
        stop = new AbortController();
      }
      hooks.setState('running');
      hooks.publish(true);
      wake();
    },
    cancel() {
      if (ended) return;
      stopReason = 'cancel';
      stop.abort();
      clearTimer();
      settle();
    },
    close() {
      close.abort();
      stop.abort();
      clearTimer();
    },
    idle: () => (active ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
    waiting: () => waiting,
    ended: () => ended,
  };
}
