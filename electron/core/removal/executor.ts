import type { RemovalSettings } from '../../../shared/domain/removal.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import type { TerminalSession } from '../drivers/driver.ts';
import type { InventoryRepository } from '../inventory/inventory-repository.ts';
import type { BackoffPolicy } from '../jobs/backoff.ts';
import type { CommitGroup } from '../jobs/commit-group.ts';
import type { Journal } from './journal.ts';
import type { JournalReader } from './journal-read.ts';
import { runLane, type LaneEnd } from './lane.ts';
import { createJobRun, type JobRun, type RunControl } from '../jobs/run.ts';
import type { RequestLimiter } from '../jobs/limiter.ts';
import type { ProgressPublisher } from '../jobs/progress.ts';

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

/**
 * Creates the run of a removal job on the engine's one state machine (`../jobs/run.ts`): a unit is a terminal,
 * its pass a lane (`lane.ts`). The job is `running` while items remain (also while they wait, queued, for an
 * offline terminal), `paused`, `cancelled` (remaining items cancelled), or `done` when every item is finished.
 */
export function createRemovalRun(deps: ExecutorDeps, jobId: string): JobRun {
  const job = deps.reader.job(jobId);
  if (!job) throw new Error(`No job ${jobId} in the journal.`);
  const options = job.options;

  const runLaneOf = async (serial: string, control: RunControl): Promise<LaneEnd> => {
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

  return createJobRun(jobId, {
    unitsWithWork: (serial) =>
      deps.journal.terminalsWithWork(jobId).filter((s) => serial === undefined || s === serial),
    work: runLaneOf,
    hasWork: (serial) => deps.journal.hasWork(jobId, serial),
    cancelRemaining: () => deps.journal.cancelRemaining(jobId),
    setState: (state, error) => deps.journal.setState(jobId, state, error ?? null),
    journalState: () => deps.reader.job(jobId)?.state,
    publish: (force) => deps.progress.publish(jobId, force),
    onWaiting: () => {
      deps.onWaiting();
      return undefined;
    },
    maxRestarts: MAX_RESTARTS,
  });
}
