import type { ItemFilter, JobItem, JobTerminal } from '../../../../shared/domain/removal.ts';

/** How many items one `jobs:show` page holds. */
export const JOB_PAGE_SIZE = 100;

/** One loaded page of a job's items, and the refresh it belongs to. */
export interface JobItemsPage {
  items: JobItem[];
  version: number;
}

/** The selected job as the Jobs view shows it: per-terminal counts and the filtered items, paged. */
export interface JobView {
  jobId: string;
  /** The outcome the results table shows; null for every item. */
  filter: ItemFilter | null;
  terminals: JobTerminal[];
  /** Items matching the filter; null until the first answer. */
  matching: number | null;
  /** Loaded pages by index; a page older than {@link JobView.version} is shown until it is read again. */
  pages: Record<number, JobItemsPage>;
  /** Grows with every refresh (progress heard, filter changed). */
  version: number;
}

/** A view of `jobId` with nothing read yet. */
export const freshView = (jobId: string, filter: ItemFilter | null): JobView => ({
  jobId,
  filter,
  terminals: [],
  matching: null,
  pages: {},
  version: 0,
});
