/**
 * The one place where the vendor's task numbers become the app's words.
 *
 * The vendor document ("Manage Person Permissions", POST /v1.0/iot-02/building/access-auth-task) describes
 * `authTaskProgress` and `authTaskStatus` twice, and the tables disagree:
 *
 * authTaskProgress, request table: "0: The task is initialized. 1: The task is completed. 2: The task is
 *   terminated. 3: The task is being executed."
 * authTaskProgress, response description: "0: The task is initialized. 1: The task is to be started. 2: The task
 *   is being executed. 3: The task is terminated. 4: The task is completed."
 * authTaskStatus, request table: "1: All tasks succeeded. 2: Some tasks succeeded. 3: All tasks failed. 4: All
 *   tasks were terminated."
 * authTaskStatus, response description: "0: to be started. 1: partially successful. 2: all successful. 3: all
 *   failed. 4: terminated."
 *
 * Interpretation (pinned by task-status.test.ts, and the same as the simulator's TASK_VALUE_MAPPING): the
 * RESPONSE descriptions, in BOTH directions. They are complete (the request tables lack the "to be started"
 * states and a 4 for progress), they describe what the client actually reads, and a backend has one enum per
 * field, so a filter number means what the same number means in an answer. The request tables are kept below,
 * labelled as not used, so a reader sees what was set aside. Until a real cloud has been probed this is a
 * judgement, not a fact.
 */
export const TUYA_TASK_VALUES = {
  authTaskProgress: {
    chosen: 'response description',
    values: { initialized: 0, toBeStarted: 1, executing: 2, terminated: 3, completed: 4 },
    notUsedRequestTable: { initialized: 0, completed: 1, terminated: 2, executing: 3 },
  },
  authTaskStatus: {
    chosen: 'response description',
    values: { toBeStarted: 0, partiallySuccessful: 1, allSuccessful: 2, allFailed: 3, terminated: 4 },
    notUsedRequestTable: { allSuccessful: 1, partiallySuccessful: 2, allFailed: 3, terminated: 4 },
  },
  /** A task record's `issueStatus`: the request and response tables agree. */
  issueStatus: { initialized: 0, unknown: 1, terminated: 2, failed: 3, succeeded: 4 },
} as const;

/** The app's closed set of task states. */
export const TASK_STATES = ['pending', 'running', 'succeeded', 'partly-failed', 'failed', 'stopped'] as const;

/** One of {@link TASK_STATES}. */
export type TaskState = (typeof TASK_STATES)[number];

/** The states in which a task no longer changes. */
export const FINAL_TASK_STATES: ReadonlySet<TaskState> = new Set(['succeeded', 'partly-failed', 'failed', 'stopped']);

/** Whether a task in this state has ended. */
export function isFinalTaskState(state: TaskState): boolean {
  return FINAL_TASK_STATES.has(state);
}

const PROGRESS = TUYA_TASK_VALUES.authTaskProgress.values;
const STATUS = TUYA_TASK_VALUES.authTaskStatus.values;

/**
 * The app's state of a task from the wire numbers (response description). Null when the numbers are unknown or
 * contradict each other (e.g. completed with status "to be started"): the caller then decides from counts.
 */
export function taskStateOf(progress: number | null | undefined, status: number | null | undefined): TaskState | null {
  if (progress === PROGRESS.terminated || status === STATUS.terminated) return 'stopped';
  if (progress === PROGRESS.initialized || progress === PROGRESS.toBeStarted) return 'pending';
  if (progress === PROGRESS.executing) return 'running';
  if (progress === PROGRESS.completed) {
    if (status === STATUS.allSuccessful) return 'succeeded';
    if (status === STATUS.partiallySuccessful) return 'partly-failed';
    if (status === STATUS.allFailed) return 'failed';
  }
  return null;
}

/**
 * Whether a task has ended, read so that it holds WHICHEVER table the cloud numbers by (PROTOCOLS §3: the
 * request and response tables disagree, and no real cloud has been probed):
 * - `ended`: a finish time is given; or status 4 (terminated in both tables); or progress 4 (completed: only the
 *   response table has a 4);
 * - `open`: progress 0 (initialized in both tables) and no finish time;
 * - `check-counts`: anything else (1, 2 and 3 mean different things in the two tables; unknown numbers): ended
 *   only when the record counts add up (succeeded + failed = total), which the caller reads.
 * A task that never shows any of this is left by the bounded follow as "still running in the cloud".
 */
export function taskPhaseOf(task: {
  authTaskProgress: number | null;
  authTaskStatus: number | null;
  taskFinishTime: number | null;
}): 'ended' | 'open' | 'check-counts' {
  if (task.taskFinishTime !== null) return 'ended';
  if (task.authTaskStatus === STATUS.terminated) return 'ended';
  if (task.authTaskProgress === PROGRESS.completed) return 'ended';
  if (task.authTaskProgress === PROGRESS.initialized) return 'open';
  return 'check-counts';
}

/** Whether status 4 (terminated in both tables) says the task was stopped. */
export function isTerminatedStatus(status: number | null | undefined): boolean {
  return status === STATUS.terminated;
}

/** The final state implied by record counts of an ended task (used when the numbers are unknown). */
export function finalStateFromCounts(counts: { total: number; succeeded: number; failed: number }): TaskState {
  if (counts.succeeded === counts.total) return 'succeeded';
  if (counts.succeeded === 0 && counts.failed > 0) return 'failed';
  if (counts.failed > 0) return 'partly-failed';
  return 'stopped';
}

/** The app's closed set of per-person record states. */
export const RECORD_STATES = ['pending', 'unknown', 'stopped', 'failed', 'succeeded'] as const;

/** One of {@link RECORD_STATES}. */
export type RecordState = (typeof RECORD_STATES)[number];

/** A record's state from its `issueStatus` (an unknown number reads as 'unknown'). */
export function recordStateOf(issueStatus: number | null | undefined): RecordState {
  const values = TUYA_TASK_VALUES.issueStatus;
  if (issueStatus === values.initialized) return 'pending';
  if (issueStatus === values.terminated) return 'stopped';
  if (issueStatus === values.failed) return 'failed';
  if (issueStatus === values.succeeded) return 'succeeded';
  return 'unknown';
}

/** The `issueStatus` filter value of a record state. */
export function issueStatusFilterOf(state: RecordState): number {
  const values = TUYA_TASK_VALUES.issueStatus;
  const map: Record<RecordState, number> = {
    pending: values.initialized,
    unknown: values.unknown,
    stopped: values.terminated,
    failed: values.failed,
    succeeded: values.succeeded,
  };
  return map[state];
}

/**
 * `authIssueCertificate`, the credential policy of an issue, as the issue calls document it: 1 card, 2 card +
 * face, 3 card + password, 4 card + password + face. (The task filter and task detail say "3: card +
 * fingerprint" and know no 4; the issue tables win because that is where the value is chosen.)
 */
export const CERTIFICATE_POLICIES = {
  card: 1,
  'card+face': 2,
  'card+password': 3,
  'card+password+face': 4,
} as const;

/** A credential policy by name. */
export type CertificatePolicy = keyof typeof CERTIFICATE_POLICIES;

/** The policy name of a wire number (null when unknown). */
export function certificatePolicyOf(value: number | null | undefined): CertificatePolicy | null {
  const found = Object.entries(CERTIFICATE_POLICIES).find(([, code]) => code === value);
  return found ? (found[0] as CertificatePolicy) : null;
}
