import type { JobSummary } from '../../../shared/domain/removal.ts';
import { AppError } from '../../../shared/errors.ts';
import { exportJob } from '../jobs/export.ts';
import type { JobKindPlugin } from '../jobs/job-kind.ts';
import { createJobRun } from '../jobs/run.ts';
import type { JournalReader, JobRow } from './journal-read.ts';
import { lanePassOf, type LanePassDeps } from './lane.ts';

/** What the removal kind needs from the rest of the core. */
export interface RemovalKindDeps extends LanePassDeps {
  reader: JournalReader;
  /** A lane now waits for its terminal (the service may probe terminals meanwhile). */
  onWaiting(): void;
  /** Shutdown ended (the engine's runs are idle): the service's timers and listeners go. */
  closed(): void;
}

/** The job kinds the removal plug-in runs. */
export const REMOVAL_KINDS = ['remove'] as const;

/** Restarts of a lane that ended while its terminal still had work, before the run gives up on it. */
const MAX_RESTARTS = 3;

/**
 * Bulk removal as a kind of the one job engine (`../jobs/`). Its run is the engine's state machine with a unit per
 * terminal, whose pass is that terminal's lane (`lane.ts`): the job is `running` while items remain (also while
 * they wait, queued, for an offline terminal), `paused`, `cancelled` (remaining items cancelled), or `done`.
 */
export function createRemovalKind(deps: RemovalKindDeps): JobKindPlugin {
  const { journal, reader, progress, feed } = deps;
  const rowOf = (jobId: string): JobRow => {
    const row = reader.job(jobId);
    if (!row) throw new AppError('NOT_FOUND', `There is no job ${jobId}.`, { code: 'job-not-found', jobId });
    return row;
  };
  // Items of a plan still being journaled count as pending: the job's total is the plan's from the start.
  const withPlanned = (summary: JobSummary): JobSummary => feed.withUnjournaled(summary.id, summary);
  return {
    kinds: REMOVAL_KINDS,
    createRun(jobId) {
      const { options } = rowOf(jobId);
      // A plan left half journaled by a crash is completed first (its lanes wait for the rounds they need).
      feed.resume(jobId);
      return createJobRun(jobId, {
        unitsWithWork: (serial) => journal.terminalsWithWork(jobId).filter((s) => serial === undefined || s === serial),
        work: lanePassOf(deps, jobId, options),
        hasWork: (serial) => journal.hasWork(jobId, serial) || !feed.whole(jobId, serial),
        cancelRemaining: () => journal.cancelRemaining(jobId),
        setState: (state, error) => journal.setState(jobId, state, error ?? null),
        journalState: () => reader.job(jobId)?.state,
        publish: (force) => progress.publish(jobId, force),
        onWaiting: () => {
          deps.onWaiting();
          return undefined;
        },
        maxRestarts: MAX_RESTARTS,
      });
    },
    summary: (jobId) => withPlanned(reader.summary(rowOf(jobId))),
    show: (query) => {
      const shown = reader.show(rowOf(query.jobId), query);
      return { ...shown, job: withPlanned(shown.job) };
    },
    export: (jobId, format) => exportJob(reader.summary(rowOf(jobId)), reader.allItems(jobId), format),
    retryFailed: (jobId) => ({ jobId, retried: journal.retryFailed(jobId) }),
    cancelAtRest(jobId) {
      journal.cancelRemaining(jobId);
      journal.setState(jobId, 'cancelled');
      // The rest of a plan left half journaled is journaled cancelled: the job accounts for every planned item.
      feed.resume(jobId);
      progress.publish(jobId, true);
    },
    publish: (jobId, force) => progress.publish(jobId, force),
    stopping: () => feed.close(),
    closed: deps.closed,
  };
}
