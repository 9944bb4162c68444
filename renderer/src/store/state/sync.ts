import type { SaveFileResult } from '../../../../shared/domain/files.ts';
import type { Report, ReportFormat } from '../../../../shared/domain/report.ts';
import type { Operation, OperationState, SyncStatus } from '../../../../shared/domain/sync.ts';

/** Which operations the list shows: one state, or all of them. */
export type SyncFilter = OperationState | 'all';

/** The sync queue as the UI shows it: counts, the filtered list (paged into a cache by index), actions. */
export interface SyncSlice {
  syncStatus: SyncStatus | null;
  syncFilter: SyncFilter;
  /** Loaded operations of the current filter, by their index in the list. */
  syncRows: Record<number, Operation>;
  /** How many operations match the filter (the list's length). */
  syncMatching: number;
  /** True once the first page of the current filter has arrived. */
  syncLoaded: boolean;
  /** True while "Sync now" runs. */
  syncing: boolean;
  receiveSyncStatus(status: SyncStatus): void;
  loadSyncStatus(): Promise<void>;
  setSyncFilter(filter: SyncFilter): void;
  /** Makes sure the operations from index `from` to `to` are loaded (pages fetched on demand). */
  ensureSyncRows(from: number, to: number): void;
  /** Fetches the loaded pages again (the queue changed). */
  refreshSyncRows(): void;
  syncNow(): Promise<void>;
  /** Retries operations that need attention (named ones, or all); false after showing an error. */
  retryOperations(ids: string[] | 'all'): Promise<boolean>;
  /** Discards queued or needs-attention operations (or all needing attention); the dialog asked first. */
  discardOperations(ids: string[] | 'all'): Promise<boolean>;
  /** Builds the commissioning report (sign-off names pre-filled when given); null after showing an error. */
  buildReport(format: ReportFormat, signOff?: ReportSignOff): Promise<Report | null>;
  /**
   * True in the desktop app, where {@link saveReportPdf} prints the report to PDF; in the browser the report
   * page is opened and printed instead (Print → Save as PDF).
   */
  reportPdfAvailable: boolean;
  /** Desktop app: the report printed to PDF and saved through the Save dialog; null after showing an error. */
  saveReportPdf(signOff?: ReportSignOff): Promise<SaveFileResult | null>;
}

/** The names printed in the report's sign-off block (blank lines when left out). */
export interface ReportSignOff {
  technician?: string;
  customer?: string;
}
