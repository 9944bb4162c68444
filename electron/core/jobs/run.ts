import type { JobState } from '../../../shared/domain/job.ts';

/** How one pass over a unit of a job's work ended. */
export type UnitEnd = 'finished' | 'waiting' | 'stopped' | 'aborted';

/** Why a run stops early: the job was paused or cancelled. */
export type StopReason = 'pause' | 'cancel';

/** How a run steers the passes of its units. */
export interface RunControl {
  /** Set when the job is paused or cancelled: no new request starts. */
  stopReason(): StopReason | null;
  /** Aborts on pause, cancel and shutdown: ends back-off waits at once. */
  readonly stopSignal: AbortSignal;
  /** Aborts on shutdown only: ends requests in flight (what they journaled stays for the next start). */
  readonly closeSignal: AbortSignal;
}

/**
 * What a job kind gives the run. A job's work is split in units that run side by side, one pass each at a time:
 * a removal's terminals (a lane each), a cloud job's one cloud.
 */
export interface RunHooks {
  /** The units with unfinished work now (all, or only `unit`). */
  unitsWithWork(unit?: string): string[];
  /** One pass over a unit's work; honours `control`. Throws on a bug or a storage failure (the job fails). */
  work(unit: string, control: RunControl): Promise<UnitEnd>;
  /** Whether the job (or one unit of it) has unfinished work. */
  hasWork(unit?: string): boolean;
  cancelRemaining(): void;
  setState(state: JobState, error?: string | null): void;
  /** The job's state in the journal (another process may have cancelled it). */
  journalState(): JobState | undefined;
  publish(force?: boolean): void;
  /** Before each pass of a unit (a cloud job clears its "queued" marks: the cloud is tried again). */
  beforePass?(unit: string): void;
  /**
   * A unit's pass met its terminal or cloud not answering: its items wait. Answers the milliseconds after which
   * the unit is tried again by itself, or undefined to wait for a wake (a terminal that answers again).
   */
  onWaiting(unit: string): number | undefined;
  /** How often a unit that ended while work arrived for it is started again at once (default 0). */
  maxRestarts?: number;
}

/** One job being executed in this process, steered by pause, resume and cancel. */
export interface JobRun {
  readonly jobId: string;
  /** Starts a pass for the units with work and none running (all, or one): also ends a wait early. */
  wake(unit?: string): void;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Shutdown: aborts requests in flight; what they journaled stays for the next start. */
  close(): void;
  /** Resolves when no pass runs (finished, waiting, paused or cancelled). */
  idle(): Promise<void>;
  /** Whether some unit waits for its terminal or cloud to answer again. */
  waiting(): boolean;
  /** The units that wait. */
  waitingUnits(): string[];
  /** Whether the run has ended for good (done, cancelled or failed); a new run is needed to work the job again. */
  ended(): boolean;
  /** When no pass runs: records the job done if nothing is left (items discarded from the sync queue). */
  settle(): void;
}

/**
 * Creates the run of a job: the one state machine of every job kind. The job's state in the journal is
 * `running` while work remains (also while units wait), `paused`, `cancelled` (the rest cancelled), `done` when
 * nothing is left, or `failed` when a pass threw (its work stays for a later resume).
 */
export function createJobRun(jobId: string, hooks: RunHooks): JobRun {
  const close = new AbortController();
  let stop = new AbortController();
  let stopReason: StopReason | null = null;
  let ended = false;
  const active = new Set<string>();
  const waiting = new Set<string>();
  // A wake that came while the unit's pass ran (e.g. "Sync now" after the cloud came back): that pass may have met
  // it still down, so another pass follows at once instead of after the retry timer.
  const wokenWhileActive = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  let idleWaiters: (() => void)[] = [];

  // Read afresh on every use: a pause then resume replaces the stop signal while passes run.
  const control: RunControl = {
    stopReason: () => stopReason,
    get stopSignal() {
      return AbortSignal.any([stop.signal, close.signal]);
    },
    closeSignal: close.signal,
  };
  const canWork = (): boolean => !ended && stopReason === null && !close.signal.aborted;
  const clearTimers = (): void => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  };

  function settle(): void {
    if (active.size > 0) return;
    if (!close.signal.aborted && !ended) {
      if (hooks.journalState() === 'cancelled') {
        // Cancelled in the journal by another process (fcom jobs cancel): keep that.
        ended = true;
      } else if (stopReason === 'cancel') {
        hooks.cancelRemaining();
        hooks.setState('cancelled');
        ended = true;
      } else if (!hooks.hasWork()) {
        hooks.setState('done');
        ended = true;
      } else if (stopReason === 'pause') hooks.setState('paused');
      hooks.publish(true);
    }
    if (ended) clearTimers();
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  const afterPass = (unit: string, end: UnitEnd, restarts: number): void => {
    active.delete(unit);
    const wokenAgain = wokenWhileActive.delete(unit);
    if (end === 'waiting' && canWork() && wokenAgain) return launch(unit, restarts);
    if (end === 'waiting' && canWork()) {
      waiting.add(unit);
      const retryMs = hooks.onWaiting(unit);
      if (retryMs !== undefined) {
        const timer = setTimeout(() => wake(unit), retryMs);
        timer.unref();
        timers.set(unit, timer);
      }
    } else if (
      end !== 'waiting' &&
      end !== 'aborted' &&
      canWork() &&
      restarts < (hooks.maxRestarts ?? 0) &&
      hooks.hasWork(unit)
    ) {
      // Work arrived while the pass was ending (retry-failed, a pause undone at once): go on.
      return launch(unit, restarts + 1);
    }
    settle();
  };

  function launch(unit: string, restarts: number): void {
    active.add(unit);
    waiting.delete(unit);
    const timer = timers.get(unit);
    if (timer) clearTimeout(timer);
    timers.delete(unit);
    const pass = async (): Promise<UnitEnd> => {
      hooks.beforePass?.(unit);
      return hooks.work(unit, control);
    };
    pass()
      .catch((error: unknown) => {
        // A bug or a storage failure: recorded on the job; the work stays for a later resume.
        hooks.setState('failed', error instanceof Error ? error.message : String(error));
        ended = true;
        return 'aborted' as UnitEnd;
      })
      .then((end) => afterPass(unit, end, restarts));
  }

  function wake(unit?: string): void {
    if (!canWork()) return;
    for (const u of hooks.unitsWithWork(unit)) {
      if (active.has(u)) wokenWhileActive.add(u);
      else launch(u, 0);
    }
    if (unit === undefined && active.size === 0) settle();
  }

  return {
    jobId,
    wake,
    pause() {
      if (ended || stopReason !== null) return;
      stopReason = 'pause';
      stop.abort();
      clearTimers();
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
      clearTimers();
      settle();
    },
    close() {
      close.abort();
      stop.abort();
      clearTimers();
    },
    idle: () => (active.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    waiting: () => waiting.size > 0,
    waitingUnits: () => [...waiting],
    ended: () => ended,
    settle,
  };
}
