import type { RemovalSettings } from '../../../shared/domain/removal.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import type { TerminalSession } from '../drivers/driver.ts';
import type { InventoryRepository } from '../inventory/inventory-repository.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { CommitGroup } from './commit-group.ts';
import type { Journal } from './journal.ts';
import type { JournalReader } from './journal-read.ts';
import { runLane, type LaneEnd } from './lane.ts';
import type { LaneControl, StopReason } from './lane-context.ts';
import type { RequestLimiter } from './limiter.ts';
import type { ProgressPublisher } from './progress.ts';

/** What the executor needs from the rest of the core. */
export interface ExecutorDeps {
  journal: Journal;
  /** Group commit of the lanes' claims and answers. */
  commits: CommitGroup;
  reader: JournalReader;
  inventory: InventoryRepository;
  limiter: RequestLimiter;
  progress: ProgressPublisher;
  /** Opens a session with a terminal (its credentials, a per-request time-out). */
  sessionFor(terminal: Terminal, timeoutMs: number): Promise<TerminalSession>;
  settings(): RemovalSettings;
  backoff: BackoffPolicy;
  /** A terminal stopped answering. */
  markOffline(serial: string): void;
  /** A lane now waits for its terminal (the service may probe terminals meanwhile). */
  onWaiting(): void;
  now(): number;
}

/** Restarts of a lane that ended while its terminal still had work, before the run gives up on it. */
const MAX_RESTARTS = 3;

/** One job being executed in this process: one lane per terminal, steered by pause, resume and cancel. */
export interface JobRun {
  readonly jobId: string;
  /** Starts lanes for the job's terminals that have work and no lane running (one terminal, or all). */
  wake(serial?: string): void;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Shutdown: aborts requests in flight; their batches stay 'sending' for the next start. */
  close(): void;
  /** Resolves when no lane runs (finished, waiting for offline terminals, paused or cancelled). */
  idle(): Promise<void>;
  /** Serials whose lane waits for the terminal to come back. */
  waiting(): string[];
  /** Whether the run has ended for good (done or cancelled); a new run is needed to work the job again. */
  ended(): boolean;
  /** When no lane runs: records the job done if nothing is left (items discarded from the sync queue). */
  settle(): void;
}

/**
 * Creates the run of a job. Lanes (electron/core/removal/lane.ts) do the work; the run keeps the job's state
 * in the journal: `running` while items remain (also while they wait, queued, for an offline terminal),
 * `paused`, `cancelled` (remaining items cancelled), or `done` when every item is finished.
 */
export function createJobRun(deps: ExecutorDeps, jobId: string): JobRun {
  const close = new AbortController();
  let stop = new AbortController();
  let stopReason: StopReason | null = null;
  let ended = false;
  const active = new Set<string>();
  const waiting = new Set<string>();
  let idleWaiters: (() => void)[] = [];
  const job = deps.reader.job(jobId);
  if (!job) throw new Error(`No job ${jobId} in the journal.`);
  const options = job.options;

  // Read afresh on every use: a pause then resume replaces the stop signal while lanes run.
  const control: LaneControl = {
    stopReason: () => stopReason,
    get stopSignal() {
      return AbortSignal.any([stop.signal, close.signal]);
    },
    closeSignal: close.signal,
  };

  const settle = (): void => {
    if (active.size > 0) return;
    if (!close.signal.aborted && !ended) {
      if (deps.reader.job(jobId)?.state === 'cancelled') {
        // Cancelled in the journal by another process (fcom jobs cancel): keep that.
        ended = true;
      } else if (stopReason === 'cancel') {
        deps.journal.cancelRemaining(jobId);
        deps.journal.setState(jobId, 'cancelled');
        ended = true;
      } else if (!deps.journal.hasWork(jobId)) {
        deps.journal.setState(jobId, 'done');
        ended = true;
      } else if (stopReason === 'pause') {
        deps.journal.setState(jobId, 'paused');
      }
      deps.progress.publish(jobId, true);
    }
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const startLane = async (serial: string): Promise<LaneEnd> => {
    const terminal = deps.inventory.get(serial);
    if (!terminal) {
      deps.journal.failTerminal(jobId, serial, {
        rawCode: 'terminal:forgotten',
        reason: 'The terminal was removed from the inventory before its items were sent. Add it again and retry.',
      });
      return 'finished';
    }
    const settings = deps.settings();
    const session = await deps.sessionFor(terminal, settings.requestTimeoutMs);
    return runLane({
      jobId,
      terminal,
      mode: options.mode,
      verify: options.verify,
      session,
      journal: deps.journal,
      commits: deps.commits,
      limiter: deps.limiter,
      settings,
      backoff: deps.backoff,
      control,
      onProgress: () => deps.progress.publish(jobId),
      onOffline: () => deps.markOffline(serial),
      now: deps.now,
    });
  };

  const canWork = (): boolean => !ended && stopReason === null && !close.signal.aborted;

  const launch = (serial: string, restarts: number): void => {
    active.add(serial);
    waiting.delete(serial);
    startLane(serial)
      .catch((error: unknown) => {
        // A bug or a storage failure: record it on the job, keep the items for a later resume.
        deps.journal.setState(jobId, 'failed', error instanceof Error ? error.message : String(error));
        return 'aborted' as LaneEnd;
      })
      .then((end) => {
        active.delete(serial);
        if (end === 'waiting') {
          waiting.add(serial);
          deps.onWaiting();
        } else if (end !== 'aborted' && canWork() && restarts < MAX_RESTARTS && deps.journal.hasWork(jobId, serial)) {
          // Work arrived while the lane was ending (retry-failed, a pause undone at once): go on.
          launch(serial, restarts + 1);
          return;
        }
        settle();
      });
  };

  const wake = (serial?: string): void => {
    if (!canWork()) return;
    const serials = deps.journal.terminalsWithWork(jobId).filter((s) => serial === undefined || s === serial);
    for (const s of serials) if (!active.has(s)) launch(s, 0);
    if (serial === undefined && active.size === 0) settle();
  };

  return {
    jobId,
    wake,
    pause() {
      if (ended || stopReason !== null) return;
      stopReason = 'pause';
      stop.abort();
      deps.journal.setState(jobId, 'paused');
      deps.progress.publish(jobId, true);
      settle();
    },
    resume() {
      if (ended || stopReason === 'cancel') return;
      if (stopReason === 'pause') {
        stopReason = null;
        stop = new AbortController();
      }
      deps.journal.setState(jobId, 'running');
      deps.progress.publish(jobId, true);
      wake();
    },
    cancel() {
      if (ended) return;
      stopReason = 'cancel';
      stop.abort();
      settle();
    },
    close() {
      close.abort();
      stop.abort();
    },
    idle: () => (active.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    waiting: () => [...waiting],
    ended: () => ended,
    settle,
  };
}
