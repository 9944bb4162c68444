/** Lookups the task monitor needs: a task's history line, its channel id, and a bounded parallel map. */
import type { TaskDetail, TaskSummary } from './api-tasks.ts';
import { listTasks } from './api-tasks.ts';
import { listAllChannels } from './api.ts';
import type { TuyaClient } from './client.ts';

/** The task's line in the history: searched among tasks started at the same moment (a few pages at most). */
export async function findSummary(
  client: TuyaClient,
  projectId: string,
  detail: Pick<TaskDetail, 'authTaskId' | 'taskStartTime'>,
  signal?: AbortSignal,
): Promise<TaskSummary | null> {
  const at = detail.taskStartTime;
  let seen = 0;
  for (let page = 1; page <= 5; page++) {
    const result = await listTasks(
      client,
      { projectId, page, pageSize: 100, ...(at === null ? {} : { taskStartStartTime: at, taskStartEndTime: at }) },
      { ...(signal ? { signal } : {}) },
    );
    const found = result.items.find((task) => task.authTaskId === detail.authTaskId);
    if (found) return found;
    seen += result.items.length;
    if (result.items.length === 0 || result.hasMore === false) break;
    if (result.total !== null && seen >= result.total) break;
  }
  return null;
}

/**
 * The id of a task's channel, from the channel list: the one channel with the task's channel name (and, when
 * both sides give them, the same device name and position). Null when none or several match.
 */
export async function resolveChannelId(
  client: TuyaClient,
  detail: Pick<TaskDetail, 'accessControlChannelName' | 'businessDeviceName' | 'accessChannelPositionPath'>,
  signal?: AbortSignal,
): Promise<string | null> {
  const name = detail.accessControlChannelName;
  if (name === null) return null;
  const channels = await listAllChannels(client, { accessControlChannelName: name }, signal ? { signal } : {});
  const matches = channels.filter(
    (c) =>
      c.accessControlChannelName === name &&
      (detail.businessDeviceName === null ||
        c.accessControlName === null ||
        c.accessControlName === detail.businessDeviceName) &&
      (detail.accessChannelPositionPath === null ||
        c.positionPath === null ||
        c.positionPath === detail.accessChannelPositionPath),
  );
  return matches.length === 1 ? (matches[0]?.accessControlChannelId ?? null) : null;
}

/** Runs `work` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      out[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
