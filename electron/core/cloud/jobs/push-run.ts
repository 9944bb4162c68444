import type { CredentialBreakdown } from '../../../../shared/domain/permissions.ts';
import { TuyaError, tuyaErrorFromTransport } from '../tuya/errors.ts';
import { mapLimited } from '../tuya/task-lookup.ts';
import { followTaskBounded } from '../tuya/task-monitor.ts';
import type { RunEnd } from './cloud-run.ts';
import {
  issueChannel,
  learnChannelNames,
  pause,
  recheckChannel,
  type PushPassContext,
  type StepEnd,
} from './push-channel.ts';
import type { ChannelRow } from './push-journal.ts';
import type { TaskRow } from './push-tasks.ts';

/** Channels worked on at once (issue calls, then task monitors). */
const CHANNEL_CONCURRENCY = 4;

function describeFailures(credentials: CredentialBreakdown | null): string {
  if (!credentials) return '';
  const parts = (
    [
      ['person', credentials.person],
      ['face', credentials.face],
      ['card', credentials.card],
      ['password', credentials.cardPassword],
      ['fingerprint', credentials.fingerprint],
    ] as const
  )
    .map(([name, c]) => [name, c.failed + c.deleteFailed] as const)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} ${n}`);
  return parts.length > 0 ? ` (failed credentials: ${parts.join(', ')})` : '';
}

/** The channel's outcome once every task it started is stored. */
function finishFollowed(ctx: PushPassContext, row: ChannelRow, tasks: readonly TaskRow[]): void {
  const total = tasks.reduce((n, t) => n + t.total, 0);
  const failed = tasks.reduce((n, t) => n + t.failed, 0);
  const other = tasks.reduce((n, t) => n + t.other, 0);
  const stopped = tasks.find((t) => t.state === 'stopped');
  if (stopped) {
    const sent = total - failed - other;
    ctx.journal.finish(
      row,
      'failed',
      'task:stopped',
      `The task was stopped in the cloud before it finished: ${sent} of ${total} people were sent. Push this channel again.`,
    );
  } else if (failed + other === 0) {
    ctx.journal.finish(row, 'done', 'task:succeeded', null);
  } else {
    const worst = tasks.find((t) => t.state === 'failed') ?? tasks.find((t) => t.failed > 0) ?? tasks[0];
    ctx.journal.finish(
      row,
      'failed',
      `task:${worst?.state ?? 'partly-failed'}`,
      `${failed + other} of ${total} people were not sent to this channel${describeFailures(worst?.credentials ?? null)}. ` +
        `Open the channel's records to see who, then use "Retry failed" to push them again.`,
    );
  }
}

/**
 * Follows the channel's tasks to their end, stores their records, and finishes the channel. Following only
 * reads: a throttled or failing read does not end the task in the cloud, so the channel is not failed for it.
 * Throttling (the client already retried) waits and reads again for as long as the pass runs; server errors
 * are tried `maxAttempts` times in a row before the channel is failed with what the cloud said.
 */
async function followChannel(ctx: PushPassContext, row: ChannelRow): Promise<StepEnd> {
  for (let failures = 1; ; failures++) {
    const end = await followOnce(ctx, row);
    if (!(end instanceof TuyaError)) return end;
    const transient = end.kind === 'throttled' || (end.kind === 'server' && failures < ctx.maxAttempts);
    if (transient) {
      if (!(await pause(ctx, Math.min(failures, MAX_FOLLOW_BACKOFF_STEP)))) return 'stopped';
      continue;
    }
    const code = end.tuyaCode === null ? `tuya:${end.kind}` : `tuya:${end.tuyaCode}`;
    ctx.journal.finish(row, 'failed', code, `The push was issued but its task could not be followed: ${end.message}`);
    return 'next';
  }
}

/** Back-off step the follow retries stop growing at (the policy's own cap applies too). */
const MAX_FOLLOW_BACKOFF_STEP = 6;

/** One attempt at following the channel's tasks; a cloud error that is not about reachability or credentials is returned. */
async function followOnce(ctx: PushPassContext, row: ChannelRow): Promise<StepEnd | TuyaError> {
  const { client, projectId } = ctx.connection;
  try {
    for (const task of ctx.tasks.ofJob(ctx.jobId, row.channelId).filter((t) => !t.recordsStored)) {
      const outcome = await followTaskBounded(client, task.taskId, {
        projectId,
        channelId: row.channelId,
        signal: ctx.signal,
        pollMs: ctx.follow.pollMs,
        maxPollMs: ctx.follow.maxPollMs,
        limitMs: ctx.follow.limitMs,
        now: ctx.now,
        cache: ctx.tasks.followCache(task.taskId, { name: row.channelName, device: row.deviceName }),
        onProgress: (report) => {
          ctx.tasks.progress(task.taskId, report);
          ctx.onProgress();
        },
      });
      ctx.reachable(true);
      if (outcome.kind === 'running') {
        const minutes = Math.max(1, Math.round(ctx.follow.limitMs / 60_000));
        const { succeeded, failed, total } = outcome.report;
        ctx.journal.markStillRunning(
          row,
          `The cloud's task is still running after ${minutes} min (${succeeded + failed} of ${total} people done). ` +
            'It goes on in the cloud; the sync queue follows it again (or use Sync now).',
        );
        ctx.onProgress();
        return 'deferred';
      }
      ctx.tasks.storeFollowed(outcome.task);
      ctx.onProgress();
    }
    finishFollowed(ctx, row, ctx.tasks.ofJob(ctx.jobId, row.channelId));
    ctx.onProgress();
    return 'next';
  } catch (caught) {
    const error: TuyaError = tuyaErrorFromTransport(caught, ctx.signal.aborted);
    if (error.kind === 'cancelled' || ctx.signal.aborted) return 'stopped';
    if (error.kind === 'network') {
      ctx.reachable(false);
      return 'waiting';
    }
    if (error.kind === 'auth' || error.kind === 'clock' || error.kind === 'forbidden') return { fatal: error };
    ctx.reachable(true);
    return error;
  }
}

/** Moves one channel as far as it goes now: issue (or re-check), then follow when `follow` is set. */
async function advance(ctx: PushPassContext, row: ChannelRow, follow: boolean): Promise<StepEnd> {
  for (;;) {
    if (ctx.signal.aborted) return 'stopped';
    const current = ctx.journal.channel(row.id);
    let end: StepEnd;
    if (current.state === 'final') return 'next';
    if (current.state === 'following') {
      if (!follow) return 'next';
      end = await followChannel(ctx, current);
      if (end === 'next') return 'next';
    } else {
      const open = current.state === 'issuing' ? ctx.journal.openIssue(current) : undefined;
      if (current.state === 'issuing' && !open) {
        // Answered without a task id and settled elsewhere: nothing to re-check, issue again.
        ctx.journal.finish(
          current,
          'failed',
          'issue:no-task',
          'The cloud answered the push without a task id. Push again.',
        );
        return 'next';
      }
      end = open ? await recheckChannel(ctx, current, open) : await issueChannel(ctx, current);
    }
    if (end !== 'next') return end;
  }
}

/**
 * One pass over a push job: first every channel is issued (or its lost answer re-checked) — so every task starts
 * early — then the tasks are followed to their end, a few channels at a time. The cloud not answering makes the
 * pass end 'waiting' (channels queued); credentials refused fail every channel left with the cloud's sentence.
 */
export async function runPushPass(ctx: PushPassContext): Promise<RunEnd> {
  await learnChannelNames(ctx);
  const open = (): ChannelRow[] => ctx.journal.channels(ctx.jobId).filter((c) => c.state !== 'final');
  let unreachable = false;
  const stage = async (follow: boolean): Promise<RunEnd | null> => {
    const ends = await mapLimited(open(), CHANNEL_CONCURRENCY, async (row) => {
      if (unreachable) return 'waiting' as const;
      const end = await advance(ctx, row, follow);
      if (end === 'waiting') unreachable = true;
      return end;
    });
    const fatal = ends.find((e): e is { fatal: TuyaError } => typeof e === 'object');
    if (fatal) {
      ctx.journal.failRemaining(
        ctx.jobId,
        fatal.fatal.tuyaCode === null ? `tuya:${fatal.fatal.kind}` : `tuya:${fatal.fatal.tuyaCode}`,
        fatal.fatal.message,
      );
      ctx.onProgress();
      return 'finished';
    }
    if (ends.includes('stopped')) return 'stopped';
    if (ends.includes('waiting')) return 'waiting';
    // A task still running in the cloud: the pass ends like a wait (the run tries again after its retry time,
    // Sync now at once), without calling the cloud unreachable.
    if (ends.includes('deferred')) return 'waiting';
    return null;
  };
  return (await stage(false)) ?? (await stage(true)) ?? 'finished';
}
