import type { JobProgress } from '../../../../shared/domain/job.ts';
import type { PushTasks } from '../../../../shared/domain/permissions.ts';
import type { ExportFormat, ItemFilter, JobExport, JobSummary } from '../../../../shared/domain/removal.ts';
import type { JobView } from '../jobs/job-view.ts';

/** Every journaled job (removals, Alibaba removals, Tuya pushes): their list with live counts, and the selected one. */
export interface JobsSlice {
  /** Newest first (jobs:list), with state and counts kept live by `jobs:progress`. */
  jobList: JobSummary[];
  jobsLoaded: boolean;
  jobView: JobView | null;
  /** The selected job's channels and tasks when it is a Tuya push (read with the job); else null. */
  jobPush: PushTasks | null;
  loadJobs(): Promise<void>;
  /** Selects a job (null: none) and reads its counts and first page. */
  openJob(jobId: string | null): Promise<void>;
  setJobFilter(filter: ItemFilter | null): Promise<void>;
  /** Reads the selected job again (counts per terminal, matching, first page); calls made meanwhile coalesce. */
  refreshJob(): Promise<void>;
  /** Reads the pages (by index) that are missing or older than the view, unless already asked for. */
  ensureJobPages(pageIndices: readonly number[]): void;
  /** Follows `jobs:progress`: live counts in the list, and the selected job read again. */
  receiveRemovalProgress(progress: JobProgress): void;
  pauseJob(): Promise<void>;
  resumeJob(): Promise<void>;
  /**
   * Probes the terminals the selected job's queued items wait for (devices:add again, by address): one that
   * answers is online again, and the core runs its queued items by itself. One that does not answer is
   * explained in the error banner. An Alibaba job: tests the cloud, which resumes its queued items.
   */
  tryQueuedNow(): Promise<void>;
  cancelJob(): Promise<void>;
  /** Sends the selected job's failed items again; how many, or null after an error. */
  retryFailedItems(): Promise<number | null>;
  exportJobReport(format: ExportFormat): Promise<JobExport | null>;
}
