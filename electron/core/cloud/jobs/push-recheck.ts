import type { CertificatePolicyName, IssueModeName } from '../../../../shared/domain/permissions.ts';
import { listTasks, type TaskSummary } from '../tuya/api-tasks.ts';
import type { TuyaClient } from '../tuya/client.ts';

/**
 * The idempotency rule of permission pushes. An issue call creates tasks in the cloud and is not safe to repeat:
 * a second call starts a second push. So when its answer is lost (time-out, dropped connection, HTTP 5xx, a
 * crash after the call was journaled 'sending'), the app does NOT issue again. It reads the cloud's task list
 * for a task that this call must have created:
 *
 * - same channel (name, and device name when both sides give one), same mode (full/increment) and certificate
 *   policy;
 * - started between `sentAt − CLOCK_SKEW_MS` and `now + CLOCK_SKEW_MS` (the laptop and cloud clocks may differ;
 *   the cloud refuses requests whose clock is off by more than that, so the window always holds the task);
 * - not already followed by a job of this journal (a task id is followed once).
 *
 * Found → the task is adopted as if the answer had arrived (`foundBy: 'recheck'`). Not found → the call is
 * only given up once it must have ended (`sentAt + settleMs`, the client's time-out and a margin): then it did
 * not arrive, the issue is closed 'not-found' and the channel is issued again. Several candidates → the one
 * started closest to `sentAt`. Limit: a push of the same channel, mode and policy started by someone else in
 * that window (for example in the Tuya console) could be taken for ours.
 */
export const CLOCK_SKEW_MS = 15 * 60_000;

/** What identifies the task an issue call must have created. */
export interface IssuedTaskQuery {
  projectId: string;
  channelName: string;
  deviceName: string | null;
  mode: IssueModeName;
  certificate: CertificatePolicyName;
  /** The laptop time the call was journaled, just before it was sent. */
  sentAt: number;
  now: number;
  /** Whether a task id is already followed by a job (never adopt it twice). */
  known(taskId: string): boolean;
  signal?: AbortSignal;
}

/** The task list's issue type of a mode (vendor: 1 full, 2 increment). */
export function issueTypeOf(mode: IssueModeName): 1 | 2 {
  return mode === 'full' ? 1 : 2;
}

/** Reads the task list for the task a lost issue call created (see {@link CLOCK_SKEW_MS}); null when none. */
export async function findIssuedTask(client: TuyaClient, query: IssuedTaskQuery): Promise<TaskSummary | null> {
  const candidates: TaskSummary[] = [];
  for (let page = 1; page <= 10; page++) {
    const result = await listTasks(
      client,
      {
        projectId: query.projectId,
        accessControlChannelName: query.channelName,
        authIssueType: issueTypeOf(query.mode),
        certificate: query.certificate,
        taskStartStartTime: query.sentAt - CLOCK_SKEW_MS,
        taskStartEndTime: query.now + CLOCK_SKEW_MS,
        page,
        pageSize: 100,
      },
      query.signal ? { signal: query.signal } : {},
    );
    candidates.push(
      ...result.items.filter(
        (task) =>
          task.accessControlChannelName === query.channelName &&
          (query.deviceName === null ||
            task.businessDeviceName === null ||
            task.businessDeviceName === query.deviceName) &&
          (task.authIssueType === null || task.authIssueType === issueTypeOf(query.mode)) &&
          !query.known(task.authTaskId),
      ),
    );
    if (result.items.length < 100 || result.hasMore === false) break;
  }
  const distance = (task: TaskSummary): number => Math.abs((task.taskStartTime ?? query.sentAt) - query.sentAt);
  return candidates.sort((a, b) => distance(a) - distance(b))[0] ?? null;
}
