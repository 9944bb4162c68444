import { getTask, listTaskRecords, type TaskDetail } from './api-tasks.ts';
import { realSleep, throwIfAborted, type Sleep } from './backoff.ts';
import type { TuyaClient } from './client.ts';
import { ALL_PAGES_SIZE } from './schemas.ts';
import { readFailedRecords } from './task-failures.ts';
import { findSummary, resolveChannelId } from './task-lookup.ts';
import { finalStateFromCounts, isFinalTaskState, isTerminatedStatus, taskPhaseOf } from './task-status.ts';
import type { TaskState } from './task-status.ts';
import type { FollowedRecord, FollowedTask } from './task-followed.ts';

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
  /** Stamps reports and times the limit (default Date.now). */
  now?: () => number;
  /** Injectable wait (default a real, abortable timer). */
  sleep?: Sleep;
  /** The task's channel when the caller knows it; otherwise resolved from the channel list by name. */
  channelId?: string;
  /**
   * How long this follow polls a task that has not ended before it answers `running` (default: no limit). The
   * caller journals that and follows again later; the task goes on in the cloud meanwhile.
   */
  limitMs?: number;
  /** Failed records per page (default 100, the largest page the calls allow). */
  pageSize?: number;
  /** What earlier follows of this task already read, and where this one journals what it reads. */
  cache?: FollowCache;
}

/** The journal's side of a follow: what was read before (never read again) and where new reads go. */
export interface FollowCache {
  /** The task's start time and channel as the detail told them (absent: the detail is read once). */
  detail?: Pick<TaskDetail, 'taskStartTime' | 'accessControlChannelName' | 'businessDeviceName'> &
    Partial<Pick<TaskDetail, 'accessChannelPositionPath' | 'certificate' | 'taskFinishTime'>>;
  /** The counts of the task once it was seen ended (then it is not polled again). */
  ended?: EndedCounts;
  /** Failed records already stored (the reading goes on after them). */
  failedStored: number;
  onDetail?(detail: TaskDetail): void;
  onEnded?(counts: EndedCounts): void;
  /** A page of failed records, stored before the next page is asked. */
  onFailedRecords?(records: FollowedRecord[]): void;
}

/** The counts of an ended task. */
export interface EndedCounts {
  state: TaskState;
  total: number;
  succeeded: number;
  failed: number;
  finishedAt: number | null;
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

/** How a bounded follow ended. */
export type FollowOutcome = { kind: 'finished'; task: FollowedTask } | { kind: 'running'; report: TaskProgressReport };

interface Snapshot {
  state: TaskState;
  total: number;
  succeeded: number;
  failed: number;
}

/** One poll: the history line (one call), and the counts (the failed records' first page) once it may have ended. */
async function poll(client: TuyaClient, taskId: string, options: FollowOptions, startedAt: number | null) {
  const call = options.signal ? { signal: options.signal } : {};
  const { projectId } = options;
  const summary = await findSummary(
    client,
    projectId,
    { authTaskId: taskId, taskStartTime: startedAt },
    options.signal,
  );
  let finishTime = summary?.taskFinishTime ?? null;
  if (summary === null) finishTime = (await getTask(client, projectId, taskId, call)).taskFinishTime;
  const phase = taskPhaseOf({
    authTaskProgress: summary?.authTaskProgress ?? null,
    authTaskStatus: summary?.authTaskStatus ?? null,
    taskFinishTime: finishTime,
  });
  const known = { total: summary?.authNum ?? 0, succeeded: summary?.successNum ?? 0 };
  if (phase === 'open') {
    const snapshot: Snapshot = { state: summary?.state ?? 'pending', ...known, failed: 0 };
    return { snapshot, ended: null };
  }
  const first = await listTaskRecords(
    client,
    { projectId, authTaskId: taskId, state: 'failed', page: 1, pageSize: options.pageSize ?? ALL_PAGES_SIZE },
    call,
  );
  const total = first.totalNum ?? known.total;
  const succeeded = first.successNum ?? known.succeeded;
  const failed = first.page.total ?? first.page.items.length;
  const ended = phase === 'ended' || succeeded + failed >= total;
  if (!ended) {
    // The line's own reading only while it names a state that is not final (a number may mean "ended" in one
    // table and "executing" in the other: counts decide that, above).
    const open = summary?.state && !isFinalTaskState(summary.state) ? summary.state : 'running';
    return { snapshot: { state: open, total, succeeded, failed }, ended: null };
  }
  const state = isTerminatedStatus(summary?.authTaskStatus)
    ? 'stopped'
    : finalStateFromCounts({ total, succeeded, failed });
  const counts: EndedCounts = { state, total, succeeded, failed, finishedAt: finishTime };
  return { snapshot: { state, total, succeeded, failed }, ended: { counts, firstPage: first.page } };
}

/**
 * Follows an issuing task, bounded, in O(failures) calls: reads the detail once (unless cached), then polls the
 * task's history line (one call a poll) waiting `pollMs` after a change and longer (×growth up to `maxPollMs`)
 * while nothing changes; once the line may say "ended" (see `taskPhaseOf`: robust to either numbering) the
 * counts come from the failed records' first page, and an ended task's failed records are read page by page to
 * its stated total. Successes are never read, and no issue-info is called (both on demand, later). Past
 * `limitMs` it answers `running`. Cancel with `signal` (a CANCELLED TuyaError; the task goes on in the cloud).
 */
export async function followTaskBounded(
  client: TuyaClient,
  taskId: string,
  options: FollowOptions,
): Promise<FollowOutcome> {
  const { projectId, signal } = options;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 1000;
  const maxPollMs = Math.max(pollMs, options.maxPollMs ?? 15_000);
  const deadline = options.limitMs === undefined ? Number.POSITIVE_INFINITY : now() + options.limitMs;
  const cache = options.cache ?? { failedStored: 0 };
  const call = signal ? { signal } : {};
  let detail = cache.detail;
  if (detail === undefined) {
    const read = await getTask(client, projectId, taskId, call);
    cache.onDetail?.(read);
    detail = read;
  }
  const report = (s: Snapshot): TaskProgressReport => {
    const done = s.succeeded + s.failed;
    const progress = isFinalTaskState(s.state) ? 1 : s.total > 0 ? Math.min(1, done / s.total) : 0;
    const line = { taskId, ...s, progress, at: now() };
    options.onProgress?.(line);
    return line;
  };
  let ended = cache.ended;
  let firstPage: Awaited<ReturnType<typeof poll>>['ended'] | null = null;
  let wait = pollMs;
  let last: string | null = null;
  while (ended === undefined) {
    throwIfAborted(signal);
    const polled = await poll(client, taskId, options, detail.taskStartTime);
    const key = JSON.stringify(polled.snapshot);
    const line = last === key ? null : report(polled.snapshot);
    if (polled.ended) {
      ended = polled.ended.counts;
      firstPage = polled.ended;
      cache.onEnded?.(ended);
      break;
    }
    if (now() >= deadline) return { kind: 'running', report: line ?? report(polled.snapshot) };
    wait = last !== key ? pollMs : Math.min(maxPollMs, Math.round(wait * (options.growth ?? 1.5)));
    last = key;
    await sleep(Math.max(0, Math.min(wait, deadline - now())), signal);
  }
  if (firstPage === null) report(ended);
  const failedRead = await readFailedRecords(client, {
    projectId,
    taskId,
    failed: ended.failed,
    stored: cache.failedStored,
    firstPage: firstPage?.firstPage ?? null,
    pageSize: options.pageSize ?? ALL_PAGES_SIZE,
    ...(signal ? { signal } : {}),
    onRecords: (records) => cache.onFailedRecords?.(records),
  });
  return {
    kind: 'finished',
    task: {
      taskId,
      projectId,
      state: ended.state,
      total: ended.total,
      succeeded: ended.succeeded,
      failed: ended.failed,
      other: Math.max(0, ended.total - ended.succeeded - ended.failed),
      channelId:
        options.channelId ??
        (await resolveChannelId(
          client,
          {
            accessControlChannelName: detail.accessControlChannelName,
            businessDeviceName: detail.businessDeviceName,
            accessChannelPositionPath: detail.accessChannelPositionPath ?? null,
          },
          signal,
        )),
      channelName: detail.accessControlChannelName,
      deviceName: detail.businessDeviceName,
      certificate: detail.certificate ?? null,
      startedAt: detail.taskStartTime,
      finishedAt: ended.finishedAt,
      records: failedRead.records,
      recordsComplete: failedRead.complete,
      credentials: null,
    },
  };
}

/** {@link followTaskBounded} without a limit: follows the task to its end. */
export async function followTask(client: TuyaClient, taskId: string, options: FollowOptions): Promise<FollowedTask> {
  const { limitMs: _limit, ...unbounded } = options;
  const outcome = await followTaskBounded(client, taskId, unbounded);
  if (outcome.kind !== 'finished') throw new Error('an unbounded follow always finishes');
  return outcome.task;
}

/** The result types of a follow (task-followed.ts), for the callers of the monitor. */
export type { CredentialTotals, FollowedRecord, FollowedTask } from './task-followed.ts';

/** Pushing the failed channels again (task-retry.ts). */
export { retryFailed, type RetryResult } from './task-retry.ts';
