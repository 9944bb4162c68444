import { getIssueInfo, getTask, listAllTaskRecords, listTaskRecords, type TaskDetail } from './api-tasks.ts';
import type { CredentialCounts, IssueInfo, TaskRecord } from './api-tasks.ts';
import { issuePermissions } from './api.ts';
import { realSleep, throwIfAborted, type Sleep } from './backoff.ts';
import type { TuyaClient } from './client.ts';
import { findSummary, mapLimited, resolveChannelId } from './task-lookup.ts';
import { finalStateFromCounts, isFinalTaskState } from './task-status.ts';
import type { CertificatePolicy, RecordState, TaskState } from './task-status.ts';

/** Options of {@link followTask}. */
export interface FollowOptions {
  projectId: string;
  /** Called when the task's state or counts change (and once at the start and the end). */
  onProgress?: (report: TaskProgressReport) => void;
  signal?: AbortSignal;
  /** First and shortest wait between polls (default 1 s). */
  pollMs?: number;
  /** Longest wait between polls (default 15 s). */
  maxPollMs?: number;
  /** Factor the wait grows by while nothing changes (default 1.5). */
  growth?: number;
  /** Stamps reports (default Date.now). */
  now?: () => number;
  /** Injectable wait (default a real, abortable timer). */
  sleep?: Sleep;
  /** The task's channel when the caller knows it; otherwise resolved from the channel list by name. */
  channelId?: string;
  /** Fetch the per-credential breakdown of every finished record (default true). */
  breakdown?: boolean;
  /** issue-info calls in flight at once (default 4). */
  concurrency?: number;
}

/** What {@link followTask} reports while a task runs. */
export interface TaskProgressReport {
  taskId: string;
  state: TaskState;
  /** Finished records / all records, 0..1 (1 once the task has ended). */
  progress: number;
  total: number;
  succeeded: number;
  failed: number;
  at: number;
}

/** Per-credential totals of a task (sums of issue-info over its records). */
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

/** A task followed to its end. */
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
  records: FollowedRecord[];
  credentials: CredentialTotals;
}

interface Snapshot {
  state: TaskState;
  total: number;
  succeeded: number;
  failed: number;
}

async function poll(client: TuyaClient, taskId: string, options: FollowOptions, detail: TaskDetail): Promise<Snapshot> {
  const call = options.signal ? { signal: options.signal } : {};
  const { projectId } = options;
  const failedPage = await listTaskRecords(
    client,
    { projectId, authTaskId: taskId, state: 'failed', pageSize: 1 },
    call,
  );
  const total = failedPage.totalNum ?? 0;
  const succeeded = failedPage.successNum ?? 0;
  const failed = failedPage.page.total ?? failedPage.page.items.length;
  const summary = await findSummary(client, projectId, detail, options.signal);
  let state = summary?.state ?? null;
  if (state === null) {
    // Unknown numbers or the task not found in the history: the detail's finish time says whether it ended.
    const fresh = await getTask(client, projectId, taskId, call);
    const ended = fresh.taskFinishTime !== null;
    state = ended ? finalStateFromCounts({ total, succeeded, failed }) : succeeded + failed > 0 ? 'running' : 'pending';
  }
  return { state, total, succeeded, failed };
}

function zero(): CredentialCounts {
  return { issued: 0, failed: 0, deleted: 0, deleteFailed: 0 };
}

function addInto(total: CredentialCounts, part: CredentialCounts): void {
  total.issued += part.issued;
  total.failed += part.failed;
  total.deleted += part.deleted;
  total.deleteFailed += part.deleteFailed;
}

/**
 * Follows an issuing task to its end: polls its counts (records) and state (history line; the detail when the
 * line is missing), waiting `pollMs` after a change and longer (×growth up to `maxPollMs`) while nothing changes;
 * reports progress; then reads every record (all pages) and, per finished record, the per-credential breakdown
 * (issue-info). Cancel with `signal` (rejects with a CANCELLED TuyaError; the task itself goes on in the cloud).
 */
export async function followTask(client: TuyaClient, taskId: string, options: FollowOptions): Promise<FollowedTask> {
  const { projectId, signal } = options;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 1000;
  const maxPollMs = Math.max(pollMs, options.maxPollMs ?? 15_000);
  const call = signal ? { signal } : {};
  const detail = await getTask(client, projectId, taskId, call);
  const report = (s: Snapshot): void => {
    const done = s.succeeded + s.failed;
    const progress = isFinalTaskState(s.state) ? 1 : s.total > 0 ? Math.min(1, done / s.total) : 0;
    options.onProgress?.({ taskId, ...s, progress, at: now() });
  };
  let wait = pollMs;
  let last: Snapshot | null = null;
  for (;;) {
    throwIfAborted(signal);
    const snapshot = await poll(client, taskId, options, detail);
    const changed = last === null || JSON.stringify(last) !== JSON.stringify(snapshot);
    if (changed) report(snapshot);
    last = snapshot;
    if (isFinalTaskState(snapshot.state)) break;
    wait = changed ? pollMs : Math.min(maxPollMs, Math.round(wait * (options.growth ?? 1.5)));
    await sleep(wait, signal);
  }
  const finalDetail = await getTask(client, projectId, taskId, call);
  const records = await listAllTaskRecords(client, { projectId, authTaskId: taskId }, call);
  const withInfo =
    options.breakdown === false ? [] : records.filter((r) => r.state === 'succeeded' || r.state === 'failed');
  const infos = await mapLimited(withInfo, options.concurrency ?? 4, (r: TaskRecord) =>
    getIssueInfo(client, projectId, r.authTaskRecordId, call),
  );
  const infoById = new Map(withInfo.map((r, i) => [r.authTaskRecordId, infos[i] ?? null]));
  const credentials: CredentialTotals = {
    person: zero(),
    card: zero(),
    cardPassword: zero(),
    face: zero(),
    fingerprint: zero(),
  };
  for (const info of infos) {
    for (const key of ['person', 'card', 'cardPassword', 'face', 'fingerprint'] as const)
      addInto(credentials[key], info[key]);
  }
  const count = (state: RecordState): number => records.filter((r) => r.state === state).length;
  return {
    taskId,
    projectId,
    state: last.state,
    total: records.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    other: records.length - count('succeeded') - count('failed'),
    channelId: options.channelId ?? (await resolveChannelId(client, finalDetail, signal)),
    channelName: finalDetail.accessControlChannelName,
    deviceName: finalDetail.businessDeviceName,
    certificate: finalDetail.certificate,
    startedAt: finalDetail.taskStartTime,
    finishedAt: finalDetail.taskFinishTime,
    records: records.map((r) => ({
      authTaskRecordId: r.authTaskRecordId,
      personId: r.personId,
      name: r.name,
      state: r.state,
      issueInfo: infoById.get(r.authTaskRecordId) ?? null,
    })),
    credentials,
  };
}

/** Outcome of {@link retryFailed}. */
export interface RetryResult {
  /** The new (increment) task ids. */
  taskIds: string[];
  /** The channels pushed again. */
  channelIds: string[];
  /** Tasks with failures that could not be retried: channel or certificate policy unknown. */
  unresolved: string[];
}

/**
 * Issues an incremental push for the channels whose records failed in finished tasks (one call per project and
 * certificate policy; the policy is the task's unless `certificate` overrides it). Nothing failed → no call.
 */
export async function retryFailed(
  client: TuyaClient,
  finished: FollowedTask | readonly FollowedTask[],
  options: { certificate?: CertificatePolicy; signal?: AbortSignal } = {},
): Promise<RetryResult> {
  const tasks = Array.isArray(finished) ? (finished as readonly FollowedTask[]) : [finished as FollowedTask];
  const groups = new Map<string, { projectId: string; certificate: CertificatePolicy; channelIds: Set<string> }>();
  const unresolved: string[] = [];
  for (const task of tasks.filter((t) => t.failed > 0)) {
    const certificate = options.certificate ?? task.certificate;
    if (task.channelId === null || certificate === null) {
      unresolved.push(task.taskId);
      continue;
    }
    const key = `${task.projectId}|${certificate}`;
    const group = groups.get(key) ?? { projectId: task.projectId, certificate, channelIds: new Set<string>() };
    group.channelIds.add(task.channelId);
    groups.set(key, group);
  }
  const result: RetryResult = { taskIds: [], channelIds: [], unresolved };
  for (const group of groups.values()) {
    const channelIds = [...group.channelIds];
    const issued = await issuePermissions(
      client,
      { projectId: group.projectId, mode: 'increment', channelIds, certificate: group.certificate },
      options.signal ? { signal: options.signal } : {},
    );
    result.taskIds.push(...issued.taskIds);
    result.channelIds.push(...channelIds);
  }
  return result;
}
