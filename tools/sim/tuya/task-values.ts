/**
 * Value tables of the permission-issuing tasks, in one place.
 *
 * The vendor document describes `authTaskProgress` and `authTaskStatus` twice, and the tables disagree.
 *
 * authTaskProgress, request table of POST /v1.0/iot-02/building/access-auth-task:
 *   "0: The task is initialized. 1: The task is completed. 2: The task is terminated.
 *    3: The task is being executed."
 * authTaskProgress, response description of the same call:
 *   "0: The task is initialized. 1: The task is to be started. 2: The task is being executed.
 *    3: The task is terminated. 4: The task is completed."
 *
 * authTaskStatus, request table (and sample request):
 *   "1: All tasks succeeded. 2: Some tasks succeeded. 3: All tasks failed. 4: All tasks were terminated."
 * authTaskStatus, response description:
 *   "0: to be started. 1: partially successful. 2: all successful. 3: all failed. 4: terminated."
 *
 * The simulator takes ONE interpretation per field, the response description, in BOTH directions: the
 * numbers it answers with are the numbers its filters understand. Reasons: the response tables are complete
 * (they have the "to be started" states the request tables lack), they are what a client actually reads, and
 * a backend has one enum per field, so a filter value means what the same number means in an answer. The
 * request tables are kept below, labelled as not used, so a reader sees what was set aside.
 */
export const TASK_VALUE_MAPPING = {
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
} as const;

/** A task's progress, by name. */
export type TaskProgress = keyof typeof TASK_VALUE_MAPPING.authTaskProgress.values;

/** A task's result, by name. */
export type TaskStatus = keyof typeof TASK_VALUE_MAPPING.authTaskStatus.values;

/**
 * Which table the simulated cloud numbers tasks by (a knob: the document disagrees with itself, and a real
 * cloud may follow either). `response` (default): the response descriptions above, in both directions.
 * `request`: the request tables, in both directions; the states they lack ("to be started") answer as
 * initialized (progress 0) and status 0, which that table does not define.
 */
export type TaskNumbering = 'response' | 'request';

const REQUEST_PROGRESS: Record<TaskProgress, number> = {
  initialized: 0,
  toBeStarted: 0,
  completed: 1,
  terminated: 2,
  executing: 3,
};

const REQUEST_STATUS: Record<TaskStatus, number> = {
  toBeStarted: 0,
  allSuccessful: 1,
  partiallySuccessful: 2,
  allFailed: 3,
  terminated: 4,
};

/** Every number `authTaskProgress` can take in the response numbering (filters outside this set → 1101). */
export const TASK_PROGRESS_CODES: readonly number[] = Object.values(TASK_VALUE_MAPPING.authTaskProgress.values);

/** Every number `authTaskStatus` can take in the response numbering. */
export const TASK_STATUS_CODES: readonly number[] = Object.values(TASK_VALUE_MAPPING.authTaskStatus.values);

/** Every number `authTaskProgress` can take in a numbering. */
export function progressCodes(numbering: TaskNumbering = 'response'): readonly number[] {
  return numbering === 'request' ? [...new Set(Object.values(REQUEST_PROGRESS))] : TASK_PROGRESS_CODES;
}

/** Every number `authTaskStatus` can take in a numbering. */
export function statusCodes(numbering: TaskNumbering = 'response'): readonly number[] {
  return numbering === 'request' ? Object.values(REQUEST_STATUS) : TASK_STATUS_CODES;
}

/** The wire number of a progress. */
export function progressCode(progress: TaskProgress, numbering: TaskNumbering = 'response'): number {
  return numbering === 'request' ? REQUEST_PROGRESS[progress] : TASK_VALUE_MAPPING.authTaskProgress.values[progress];
}

/** The wire number of a result. */
export function statusCode(status: TaskStatus, numbering: TaskNumbering = 'response'): number {
  return numbering === 'request' ? REQUEST_STATUS[status] : TASK_VALUE_MAPPING.authTaskStatus.values[status];
}

/** `issueStatus` of a task record; the request and response tables agree on it. */
export const RECORD_ISSUE_STATUS = { initialized: 0, unknown: 1, terminated: 2, failed: 3, succeeded: 4 } as const;

/** A record's issue status, by name. */
export type RecordIssueStatus = keyof typeof RECORD_ISSUE_STATUS;

/** `authIssueType`: 1 send all the permissions (full), 2 send additional permissions (increment). */
export const AUTH_ISSUE_TYPE = { full: 1, increment: 2 } as const;

/**
 * `authIssueCertificate`, the credential policy of an issue. The issue calls (full and increment) document
 * 1 card, 2 card + face, 3 card + password, 4 card + password + face; the task-list filter and the task detail
 * say "3: card + fingerprint" and know no 4. The issue tables win: they are where the value is chosen.
 * Fingerprints are never part of an issue, so `fingerprintIssueResult` always counts 0.
 */
export const AUTH_ISSUE_CERTIFICATE = {
  1: { label: 'Card', card: true, password: false, face: false },
  2: { label: 'Card + face recognition', card: true, password: false, face: true },
  3: { label: 'Card + password', card: true, password: true, face: false },
  4: { label: 'Card + password + face recognition', card: true, password: true, face: true },
} as const;

/** One of 1..4. */
export type AuthIssueCertificate = keyof typeof AUTH_ISSUE_CERTIFICATE;

/** The accepted `authIssueCertificate` values. */
export const AUTH_ISSUE_CERTIFICATE_CODES: readonly number[] = [1, 2, 3, 4];
