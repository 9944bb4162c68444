import type { JobKind } from '../../../shared/domain/job.ts';
import type { ExportFormat, JobDetail, JobExport, JobShowRequest, JobSummary } from '../../../shared/domain/removal.ts';
import type { JobRun } from './run.ts';

/**
 * A kind of journaled job, plugged into the engine (`engine.ts`): it plans and journals its own items, and tells
 * the engine how to run, describe, export and retry one of its jobs. The engine owns everything else: the runs,
 * the leases, pause, resume, cancel, the `jobs:*` channels and the start after a crash.
 */
export interface JobKindPlugin {
  /** The kinds of the `jobs` table this plug-in runs. */
  readonly kinds: readonly JobKind[];
  /** Creates a run of one of its jobs (on `run.ts`'s state machine); the engine keeps it while it lives. */
  createRun(jobId: string): JobRun;
  summary(jobId: string): JobSummary;
  show(query: JobShowRequest): JobDetail;
  export(jobId: string, format: ExportFormat): JobExport | Promise<JobExport>;
  /**
   * Puts a job's failed items back to work. Answers the job that runs them: the same one (the engine resumes it)
   * or a new one the plug-in started (a push retries its failed channels as a new increment push).
   */
  retryFailed(jobId: string): { jobId: string; retried: number } | Promise<{ jobId: string; retried: number }>;
  /** Cancels a job no run of this process works: its remaining items cancelled, the state recorded. */
  cancelAtRest(jobId: string): void;
  /** Publishes the job's progress (`jobs:progress`), at once with `force`. */
  publish(jobId: string, force?: boolean): void;
  /** Shutdown begins: called before the runs are closed (a kind may note that aborts now mean shutdown). */
  stopping?(): void;
  /** Shutdown ended: every run is idle; timers and listeners of the kind go. */
  closed?(): void;
}
