/** What a follow of a Tuya task ends with: its counts and its failed records (shared by the monitor and its helpers). */
import type { CredentialCounts, IssueInfo } from './api-tasks.ts';
import type { CertificatePolicy, RecordState, TaskState } from './task-status.ts';

/** Per-credential totals of a task (sums of issue-info over the records whose breakdown was read). */
export interface CredentialTotals {
  person: CredentialCounts;
  card: CredentialCounts;
  cardPassword: CredentialCounts;
  face: CredentialCounts;
  fingerprint: CredentialCounts;
}

/** One person's outcome, with the per-credential breakdown when fetched. */
export interface FollowedRecord {
  authTaskRecordId: string;
  personId: string | null;
  name: string | null;
  state: RecordState;
  issueInfo: IssueInfo | null;
}

/** A task followed to its end: its counts and its FAILED records (the others are read on demand). */
export interface FollowedTask {
  taskId: string;
  projectId: string;
  state: TaskState;
  total: number;
  succeeded: number;
  failed: number;
  /** Records that ended terminated, unknown or never started. */
  other: number;
  channelId: string | null;
  channelName: string | null;
  deviceName: string | null;
  certificate: CertificatePolicy | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** The failed records (all of them; read page by page once the task ended). */
  records: FollowedRecord[];
  /** Whether every failed record was read (false: the cloud's pages stopped before its stated total). */
  recordsComplete: boolean;
  /** Null: no breakdown read during the follow (issue-info is read when a record is opened). */
  credentials: CredentialTotals | null;
}
