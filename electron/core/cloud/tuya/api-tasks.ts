import { z } from 'zod';
import type { TuyaClient } from './client.ts';
import { ALL_PAGES_SIZE, BUILDING_API, collectPages, idSchema, intSchema, parseOrThrow, parsePage } from './schemas.ts';
import { textSchema, type CallOptions, type Page } from './schemas.ts';
import { CERTIFICATE_POLICIES, certificatePolicyOf, issueStatusFilterOf } from './task-status.ts';
import { recordStateOf, taskStateOf } from './task-status.ts';
import type { CertificatePolicy, RecordState } from './task-status.ts';

/** Filters of the task history (POST access-auth-task). Numbers are the vendor's (response tables). */
export interface TaskListQuery {
  projectId: string;
  /** 1 being sent, 2 already sent. */
  issueType?: 1 | 2;
  taskStartStartTime?: number;
  taskStartEndTime?: number;
  accessControlChannelName?: string;
  accessChannelPositionPath?: string;
  businessDeviceName?: string;
  /** -1 all, 0 no permissions, 1 having permissions. */
  authNumType?: -1 | 0 | 1;
  /** 1 full, 2 increment. */
  authIssueType?: 1 | 2;
  certificate?: CertificatePolicy;
  /**
   * Progress and result filters, in the numbering of TUYA_TASK_VALUES (task-status.ts), e.g.
   * `TUYA_TASK_VALUES.authTaskProgress.values.executing`. No app-state shortcut: "pending" is two numbers.
   */
  authTaskProgress?: number;
  authTaskStatus?: number;
  taskFinishStartTime?: number;
  taskFinishEndTime?: number;
  page?: number;
  pageSize?: number;
}

const TaskSummarySchema = z
  .object({
    authTaskId: idSchema,
    taskStartTime: intSchema,
    taskFinishTime: intSchema,
    accessControlChannelName: textSchema,
    accessControlChannelNo: textSchema,
    accessChannelPositionPath: textSchema,
    businessDeviceName: textSchema,
    authNum: intSchema,
    /** 1 full, 2 increment. */
    authIssueType: intSchema,
    successNum: intSchema,
    authTaskProgress: intSchema,
    authTaskStatus: intSchema,
  })
  .transform((task) => ({ ...task, state: taskStateOf(task.authTaskProgress, task.authTaskStatus) }));

/** A task of the history, with the app's state (null when the numbers are unknown). */
export type TaskSummary = z.infer<typeof TaskSummarySchema>;

function listBody(query: TaskListQuery): Record<string, unknown> {
  const { certificate, ...rest } = query;
  return {
    ...rest,
    ...(certificate === undefined ? {} : { authIssueCertificate: CERTIFICATE_POLICIES[certificate] }),
  };
}

/** One page of the task history, newest first: `POST /v1.0/iot-02/building/access-auth-task`. */
export async function listTasks(
  client: TuyaClient,
  query: TaskListQuery,
  options: CallOptions = {},
): Promise<Page<TaskSummary>> {
  const result = await client.request({
    method: 'POST',
    path: `${BUILDING_API}/access-auth-task`,
    body: listBody(query),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return parsePage(result, TaskSummarySchema, 'task list');
}

const TaskDetailSchema = z
  .object({
    taskStartTime: intSchema,
    taskFinishTime: intSchema,
    authIssueCertificate: intSchema,
    authIssueCertificateStr: textSchema,
    accessControlChannelName: textSchema,
    accessControlChannelNo: textSchema,
    accessChannelPositionPath: textSchema,
    businessDeviceName: textSchema,
    // Not documented for the detail; read when a cloud sends them.
    authNum: intSchema,
    successNum: intSchema,
    authTaskProgress: intSchema,
    authTaskStatus: intSchema,
  })
  .transform((task) => ({ ...task, certificate: certificatePolicyOf(task.authIssueCertificate) }));

/** A task's detail (documented fields: times, certificate policy, channel; no progress). */
export type TaskDetail = z.infer<typeof TaskDetailSchema> & { authTaskId: string };

/** `GET /v1.0/iot-02/building/access-auth-task/{authTaskId}?projectId=...`. */
export async function getTask(
  client: TuyaClient,
  projectId: string,
  authTaskId: string,
  options: CallOptions = {},
): Promise<TaskDetail> {
  const result = await client.request({
    method: 'GET',
    path: `${BUILDING_API}/access-auth-task/${encodeURIComponent(authTaskId)}`,
    query: { projectId },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { ...parseOrThrow(TaskDetailSchema, result ?? {}, 'task detail'), authTaskId };
}

/** Filters of a task's records (POST access-auth-task/records). */
export interface TaskRecordQuery {
  projectId: string;
  authTaskId: string;
  name?: string;
  mobile?: string;
  structureName?: string;
  /** Only records in this state. */
  state?: RecordState;
  page?: number;
  pageSize?: number;
}

const TaskRecordSchema = z
  .object({
    authTaskRecordId: idSchema,
    projectId: textSchema,
    personId: textSchema,
    name: textSchema,
    mobileCountry: textSchema,
    mobile: textSchema,
    structureName: textSchema,
    accessAuthTimeRangeId: textSchema,
    accessAuthTimeRangeStr: textSchema,
    authIssueTime: intSchema,
    issueStatus: intSchema,
  })
  .transform((record) => ({ ...record, state: recordStateOf(record.issueStatus) }));

/** One person's outcome inside a task. */
export type TaskRecord = z.infer<typeof TaskRecordSchema>;

/** A page of a task's records with the task's totals. */
export interface TaskRecordsPage {
  /** Records of the whole task (all states). */
  totalNum: number | null;
  /** Records that succeeded so far. */
  successNum: number | null;
  page: Page<TaskRecord>;
}

const RecordsResultSchema = z.object({
  totalNum: intSchema,
  successNum: intSchema,
  // "recordListVOList" camelised from record_list_v_o_list; record_list_vo_list would give recordListVoList.
  recordListVOList: z.unknown().optional(),
  recordListVoList: z.unknown().optional(),
});

/** One page of a task's records: `POST /v1.0/iot-02/building/access-auth-task/records`. */
export async function listTaskRecords(
  client: TuyaClient,
  query: TaskRecordQuery,
  options: CallOptions = {},
): Promise<TaskRecordsPage> {
  const { state, ...rest } = query;
  const result = await client.request({
    method: 'POST',
    path: `${BUILDING_API}/access-auth-task/records`,
    body: { ...rest, ...(state === undefined ? {} : { issueStatus: issueStatusFilterOf(state) }) },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const raw = parseOrThrow(RecordsResultSchema, result ?? {}, 'task records');
  return {
    totalNum: raw.totalNum,
    successNum: raw.successNum,
    page: parsePage(raw.recordListVOList ?? raw.recordListVoList ?? {}, TaskRecordSchema, 'task records'),
  };
}

/** Every record of a task matching the filters (all pages). */
export function listAllTaskRecords(
  client: TuyaClient,
  query: Omit<TaskRecordQuery, 'page' | 'pageSize'>,
  options: CallOptions = {},
): Promise<TaskRecord[]> {
  return collectPages(
    async (page, pageSize) => (await listTaskRecords(client, { ...query, page, pageSize }, options)).page,
    ALL_PAGES_SIZE,
  );
}

const CountsSchema = z
  .object({
    successIssueNum: intSchema,
    failIssueNum: intSchema,
    successIssueDelNum: intSchema,
    failIssueDelNum: intSchema,
  })
  .nullish()
  .catch(null)
  .transform((c) => ({
    issued: c?.successIssueNum ?? 0,
    failed: c?.failIssueNum ?? 0,
    deleted: c?.successIssueDelNum ?? 0,
    deleteFailed: c?.failIssueDelNum ?? 0,
  }));

/** Counts of one credential kind of one record: sent, failed to send, deleted, failed to delete. */
export type CredentialCounts = z.infer<typeof CountsSchema>;

const IssueInfoSchema = z
  .object({
    projectId: textSchema,
    authTaskRecordId: textSchema,
    personIssueResult: CountsSchema,
    cardIssueResult: CountsSchema,
    cardPwdIssueResult: CountsSchema,
    faceIssueResult: CountsSchema,
    fingerprintIssueResult: CountsSchema,
  })
  .transform((info) => ({
    authTaskRecordId: info.authTaskRecordId,
    person: info.personIssueResult,
    card: info.cardIssueResult,
    cardPassword: info.cardPwdIssueResult,
    face: info.faceIssueResult,
    fingerprint: info.fingerprintIssueResult,
  }));

/** The per-credential breakdown of one task record. */
export type IssueInfo = z.infer<typeof IssueInfoSchema>;

/** `GET /v1.0/iot-02/building/access-auth-task/actions/issue-info?authTaskRecordId=...&projectId=...`. */
export async function getIssueInfo(
  client: TuyaClient,
  projectId: string,
  authTaskRecordId: string,
  options: CallOptions = {},
): Promise<IssueInfo> {
  const result = await client.request({
    method: 'GET',
    path: `${BUILDING_API}/access-auth-task/actions/issue-info`,
    query: { authTaskRecordId, projectId },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const info = parseOrThrow(IssueInfoSchema, result ?? {}, 'issue info');
  return { ...info, authTaskRecordId: info.authTaskRecordId ?? authTaskRecordId };
}
