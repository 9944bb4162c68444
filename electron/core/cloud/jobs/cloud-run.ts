import type { JobState } from '../../../../shared/domain/job.ts';
import { createJobRun, type JobRun } from '../../jobs/run.ts';

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

/** The one unit of a cloud job: its cloud. */
const CLOUD_UNIT = 'cloud';

/**
 * Creates the run of a cloud job on the engine's one state machine (`../../jobs/run.ts`), as one unit: every pass
 * starts by clearing the queued marks (also the first pass of a run, whose items an earlier pass, maybe another
 * process before a crash, left marked); a pass that ends 'waiting' marks the items queued and is tried again after
 * `retryMs` (or at once on a wake).
 */
export function createCloudRun(jobId: string, hooks: RunHooks): JobRun {
  return createJobRun(jobId, {
    unitsWithWork: () => (hooks.hasWork() ? [CLOUD_UNIT] : []),
    work: async (_unit, control) => hooks.work(control.stopSignal),
    hasWork: () => hooks.hasWork(),
    cancelRemaining: hooks.cancelRemaining,
    setState: hooks.setState,
    journalState: hooks.journalState,
    publish: hooks.publish,
    beforePass: () => hooks.setQueued(false),
    onWaiting: () => {
      hooks.setQueued(true);
      hooks.publish(true);
      return hooks.retryMs();
    },
  });
}
