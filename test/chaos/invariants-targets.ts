import type { SimDevice } from '../../tools/sim/common/device.ts';
import type { LoggedRequest } from '../../tools/sim/common/request-log.ts';
import { acknowledgedThenResent } from '../support/removal/test-kit.ts';
import type { Violation } from './violation.ts';

/**
 * Invariant 2 on terminals: an id a terminal acknowledged as removed is never sent in a later delete request
 * (`acknowledgedThenResent`). This holds even when the first answer was lost (time-out, cut link, kill -9): the
 * removal engine settles an unanswered batch by reading the terminal's list, never by sending it again. The
 * conductor gives each removal job a slice of people no other job names, so a repeat is always the same job's.
 */
export function checkTerminalLogs(terminals: readonly { serial: string; device: SimDevice }[]): Violation[] {
  return terminals.flatMap(({ serial, device }) =>
    acknowledgedThenResent(device).map((id) => ({
      invariant: 'applied-twice' as const,
      detail: `terminal ${serial}: id ${id} was sent again after the terminal acknowledged its removal`,
    })),
  );
}

/** Whether the answer a simulator logged reached an app process that lived on to journal it. */
export type AnswerReached = (entry: LoggedRequest) => boolean;

interface DeleteParams {
  scopeIdList?: unknown;
  userIdList?: unknown;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Invariant 2 on Alibaba Cloud, per (scope, user): no pair is acknowledged twice, and no pair is sent again after
 * an acknowledgement that reached the app (`reached`). The Alibaba delete is idempotent and the app re-sends an
 * unanswered batch by design, so a repeat is allowed when the first answer may have been lost.
 */
export function checkAliyunLog(entries: readonly LoggedRequest[], reached: AnswerReached): Violation[] {
  const violations: Violation[] = [];
  const acknowledged = new Map<string, { seq: number; delivered: boolean }>();
  for (const entry of entries) {
    if (!entry.path.endsWith('/face/paas/permission/delete')) continue;
    const params = ((entry.body ?? {}) as { params?: DeleteParams }).params ?? {};
    const scopes = strings(params.scopeIdList);
    for (const scope of scopes) {
      for (const user of strings(params.userIdList)) {
        const earlier = acknowledged.get(`${scope}|${user}`);
        if (earlier?.delivered) {
          violations.push({
            invariant: 'applied-twice',
            detail: `aliyun: ${user} on ${scope} sent again (request ${entry.seq}) after request ${earlier.seq} acknowledged it to a live app`,
          });
        }
      }
    }
    const delivered = reached(entry);
    for (const scope of scopes) {
      for (const user of entry.acknowledged ?? []) {
        const key = `${scope}|${user}`;
        const earlier = acknowledged.get(key);
        if (earlier) {
          violations.push({
            invariant: 'applied-twice',
            detail: `aliyun: ${user} on ${scope} removed twice (requests ${earlier.seq} and ${entry.seq})`,
          });
        }
        acknowledged.set(key, { seq: entry.seq, delivered });
      }
    }
  }
  return violations;
}

/** A task the Tuya cloud started (one per issue call it accepted, per channel). */
export interface CloudTask {
  authTaskId: string;
  channelId: string;
}

/** A task a push operation of the app follows (`push_tasks` joined to its `push_channels` row). */
export interface AdoptedTask {
  taskId: string;
  /** The push operation (`push:<op>`); null when no channel row of the job matches. */
  op: number | null;
  jobId: string;
  channelId: string;
}

/**
 * Invariant 2 on Tuya: no duplicate task for one push operation. Every task the cloud started is followed by
 * exactly one operation of the app (a task nobody follows is an issue call the app repeated, or lost track of),
 * and no operation follows more than one task.
 */
export function checkTuyaTasks(cloudTasks: readonly CloudTask[], adopted: readonly AdoptedTask[]): Violation[] {
  const violations: Violation[] = [];
  const byTask = new Map(adopted.map((a) => [a.taskId, a]));
  const cloudIds = new Set(cloudTasks.map((t) => t.authTaskId));
  for (const task of cloudTasks) {
    if (!byTask.has(task.authTaskId)) {
      violations.push({
        invariant: 'applied-twice',
        detail: `tuya: task ${task.authTaskId} on channel ${task.channelId} was started but no push operation follows it (a repeated or lost issue call)`,
      });
    }
  }
  const perOp = new Map<string, string[]>();
  for (const a of adopted) {
    if (!cloudIds.has(a.taskId)) {
      violations.push({
        invariant: 'applied-twice',
        detail: `tuya: job ${a.jobId} follows task ${a.taskId}, which the cloud never started`,
      });
    }
    const op = a.op === null ? `job ${a.jobId} channel ${a.channelId}` : `push:${a.op}`;
    perOp.set(op, [...(perOp.get(op) ?? []), a.taskId]);
  }
  for (const [op, tasks] of perOp) {
    if (tasks.length > 1) {
      violations.push({
        invariant: 'applied-twice',
        detail: `tuya: ${op} started ${tasks.length} tasks (${tasks.join(', ')})`,
      });
    }
  }
  return violations;
}
