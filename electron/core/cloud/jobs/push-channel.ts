import { backoffDelay, sleep, type BackoffPolicy } from '../../jobs/backoff.ts';
import type { TuyaConnection } from '../cloud-config.ts';
import { issuePermissions, listAllChannels } from '../tuya/api.ts';
import { TuyaError, tuyaErrorFromTransport } from '../tuya/errors.ts';
import type { ChannelRow, IssueRow, PushJournal, PushOptions } from './push-journal.ts';
import type { ChannelNames } from './push-names.ts';
import { findIssuedTask } from './push-recheck.ts';
import type { PushTasks } from './push-tasks.ts';

/** What one pass of a push job works with. */
export interface PushPassContext {
  jobId: string;
  options: PushOptions;
  journal: PushJournal;
  tasks: PushTasks;
  /** Channel names: filled in for channels journaled without one (queued while the cloud did not answer). */
  names?: ChannelNames;
  connection: TuyaConnection;
  signal: AbortSignal;
  /** How long after it was sent an issue call must have landed in the task list (client time-out + margin). */
  settleMs: number;
  /** Issue calls per channel before it is failed (throttled or refused as busy). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Task polling of the monitor, and how long one pass follows a task before leaving it to a later pass. */
  follow: { pollMs: number; maxPollMs: number; limitMs: number };
  reachable(answered: boolean): void;
  onProgress(): void;
  now(): number;
}

/**
 * How a channel's step ended: it moved on, the cloud did not answer, its task is still running in the cloud
 * after the follow's limit (`deferred`: followed again by a later pass), the pass stopped, or credentials failed.
 */
export type StepEnd = 'next' | 'waiting' | 'deferred' | 'stopped' | { fatal: TuyaError };

const AUTH_KINDS = new Set(['auth', 'clock', 'forbidden']);

/** The error of a failed Tuya call, and whether it means "no answer at all". */
function classify(error: unknown, signal: AbortSignal): TuyaError {
  return tuyaErrorFromTransport(error, signal.aborted);
}

/** Waits the back-off of `attempt` (false when the pass stopped meanwhile). */
export async function pause(ctx: PushPassContext, attempt: number): Promise<boolean> {
  try {
    await sleep(backoffDelay(attempt, ctx.backoff), ctx.signal);
    return true;
  } catch {
    return false;
  }
}

/** Sends the channel's issue call, journaled 'sending' first; records the tasks or what the failure means. */
export async function issueChannel(ctx: PushPassContext, row: ChannelRow): Promise<StepEnd> {
  if (row.attempts >= ctx.maxAttempts) {
    ctx.journal.finish(
      row,
      'failed',
      row.rawCode ?? 'issue:attempts',
      row.reason ?? 'The cloud kept refusing the push.',
    );
    return 'next';
  }
  const { client, projectId } = ctx.connection;
  const issue = ctx.journal.beginIssue(row, ctx.options.mode, ctx.options.certificate);
  try {
    const { taskIds } = await issuePermissions(
      client,
      { projectId, mode: ctx.options.mode, channelIds: [row.channelId], certificate: ctx.options.certificate },
      { signal: ctx.signal },
    );
    ctx.reachable(true);
    if (taskIds.length === 0) ctx.journal.markUnknown(issue, 'The answer named no task.');
    else ctx.journal.recordTasks(issue, row, taskIds, 'answer');
    ctx.onProgress();
    return 'next';
  } catch (caught) {
    const error = classify(caught, ctx.signal);
    if (error.kind === 'cancelled' || ctx.signal.aborted) return 'stopped'; // stays 'sending': re-checked later
    if (error.kind === 'network') ctx.reachable(false);
    else ctx.reachable(true);
    if (
      error.mayHaveArrived &&
      (error.kind === 'network' || error.kind === 'server' || error.kind === 'bad-response')
    ) {
      ctx.journal.markUnknown(issue, error.message);
      return error.kind === 'network' ? 'waiting' : 'next';
    }
    if (error.kind === 'network') {
      ctx.journal.releaseIssue(issue, row, 'refused', error.message, false);
      return 'waiting';
    }
    if (AUTH_KINDS.has(error.kind)) {
      ctx.journal.releaseIssue(issue, row, 'refused', error.message, false);
      return { fatal: error };
    }
    if (error.kind === 'throttled' || error.kind === 'server') {
      ctx.journal.releaseIssue(issue, row, 'refused', error.message);
      return (await pause(ctx, row.attempts + 1)) ? 'next' : 'stopped';
    }
    // The cloud refused this channel (invalid, not found): nothing was started; pushing again would not help.
    ctx.journal.releaseIssue(issue, row, 'refused', error.message);
    const code = error.tuyaCode === null ? `tuya:${error.kind}` : `tuya:${error.tuyaCode}`;
    ctx.journal.finish(ctx.journal.channel(row.id), 'failed', code, error.message, false);
    ctx.onProgress();
    return 'next';
  }
}

/** The channel's name and device from the channel list, when the plan could not read them (cloud offline). */
async function namesOf(ctx: PushPassContext, row: ChannelRow): Promise<{ name: string; device: string | null } | null> {
  if (row.channelName !== null) return { name: row.channelName, device: row.deviceName };
  const all = await listAllChannels(
    ctx.connection.client,
    { projectId: ctx.connection.projectId },
    { signal: ctx.signal },
  );
  ctx.names?.learn(all);
  const found = all.find((c) => c.accessControlChannelId === row.channelId);
  return found?.accessControlChannelName
    ? { name: found.accessControlChannelName, device: found.accessControlName }
    : null;
}

/**
 * Fills in the names of the job's channels journaled without one (the push was queued while the cloud did not
 * answer), from one read of the channel list. A failed read changes nothing: the pass meets the same failure
 * on its next call and handles it there.
 */
export async function learnChannelNames(ctx: PushPassContext): Promise<void> {
  if (!ctx.names?.missing(ctx.jobId)) return;
  try {
    const all = await listAllChannels(
      ctx.connection.client,
      { projectId: ctx.connection.projectId },
      { signal: ctx.signal },
    );
    ctx.names.learn(all);
    ctx.reachable(true);
    ctx.onProgress();
  } catch {
    // Handled by the pass's own calls.
  }
}

/**
 * Settles an issue call whose answer is unknown by reading the task list (push-recheck.ts): adopts the task it
 * created, or, once the call must have ended without one, closes it 'not-found' so the channel is issued again.
 */
export async function recheckChannel(ctx: PushPassContext, row: ChannelRow, issue: IssueRow): Promise<StepEnd> {
  try {
    const names = await namesOf(ctx, row);
    if (names === null) {
      ctx.journal.releaseIssue(issue, row, 'not-found', 'The channel is not in the project any more.');
      ctx.journal.finish(
        ctx.journal.channel(row.id),
        'failed',
        'plan:unknown-channel',
        'The channel is not in the Tuya project any more. Check the channel list.',
        false,
      );
      return 'next';
    }
    const found = await findIssuedTask(ctx.connection.client, {
      projectId: ctx.connection.projectId,
      channelName: names.name,
      deviceName: names.device,
      mode: ctx.options.mode,
      certificate: ctx.options.certificate,
      sentAt: issue.sentAt,
      now: ctx.now(),
      known: (taskId) => ctx.tasks.known(taskId),
      signal: ctx.signal,
    });
    ctx.reachable(true);
    if (found) {
      ctx.journal.recordTasks(issue, row, [found.authTaskId], 'recheck');
      ctx.onProgress();
      return 'next';
    }
    const wait = issue.sentAt + ctx.settleMs - ctx.now();
    if (wait > 0) {
      await sleep(Math.min(wait, 5000), ctx.signal);
      return 'next';
    }
    ctx.journal.releaseIssue(
      issue,
      row,
      'not-found',
      'The cloud has no task for the earlier call: it did not arrive. It is issued again.',
    );
    return 'next';
  } catch (caught) {
    const error = classify(caught, ctx.signal);
    if (error.kind === 'cancelled' || ctx.signal.aborted) return 'stopped';
    if (error.kind === 'network') {
      ctx.reachable(false);
      return 'waiting';
    }
    if (AUTH_KINDS.has(error.kind)) return { fatal: error };
    return (await pause(ctx, 1)) ? 'next' : 'stopped';
  }
}
