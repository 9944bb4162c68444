/** Pushing again, as an increment, the channels whose records failed in finished tasks. */
import { issuePermissions } from './api.ts';
import type { TuyaClient } from './client.ts';
import type { FollowedTask } from './task-followed.ts';
import type { CertificatePolicy } from './task-status.ts';

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
