import type { JobProgress } from '../../../../shared/domain/job.ts';
import type { JobSummary } from '../../../../shared/domain/removal.ts';
import type {
  CertificatePolicyName,
  ChannelView,
  IssueModeName,
  PersonRecord,
  PushTasks,
  RecordStateName,
  TaskDetail,
} from '../../../../shared/domain/permissions.ts';

/** The open task: its detail (counts, breakdown) and the records loaded so far. */
export interface OpenTask {
  taskId: string;
  filter: RecordStateName | 'all';
  detail: TaskDetail | null;
  records: PersonRecord[];
  loading: boolean;
}

/** The Permissions view: channels and their selection, the push form, the current push and its tasks. */
export interface PermissionsSlice {
  channels: ChannelView[] | null;
  channelsLoading: boolean;
  selectedChannels: string[];
  pushMode: IssueModeName;
  pushCertificate: CertificatePolicyName;
  /** The push shown (the newest, or the one just started, or one chosen from the list), with its channels and tasks. */
  push: PushTasks | null;
  /** Every push, newest first (an earlier push's failures stay one click away: issue 18). */
  pushes: JobSummary[];
  pushProgress: JobProgress | null;
  openTask: OpenTask | null;
  loadChannels(): Promise<void>;
  toggleChannel(id: string, on: boolean): void;
  selectAllChannels(on: boolean): void;
  setPushMode(mode: IssueModeName): void;
  setPushCertificate(certificate: CertificatePolicyName): void;
  /** Starts a push of the selected channels; false (after showing the error) when refused. */
  startPush(): Promise<boolean>;
  /** Loads a push (default: the newest) with its channels and tasks. */
  loadPush(jobId?: string): Promise<void>;
  /** Loads the list of every push. */
  loadPushes(): Promise<void>;
  /** Shows another push of the list (its tasks, its progress, no task open). */
  showPush(jobId: string): Promise<void>;
  /** Follows `jobs:progress` of the push shown: keeps the progress and reloads its tasks (throttled). */
  receivePushProgress(progress: JobProgress): void;
  retryFailedPush(): Promise<void>;
  /** Opens a task's records (null closes), from the first page, with a state filter. */
  openTaskRecords(taskId: string | null, filter?: RecordStateName | 'all'): Promise<void>;
  /** Loads the next page of the open task's records. */
  loadMoreRecords(): Promise<void>;
}
