import type { AliyunSettings } from '../../../../shared/domain/cloud.ts';
import { backoffDelay, sleep, type BackoffPolicy } from '../../jobs/backoff.ts';
import type { AliyunClient } from '../aliyun/client.ts';
import { AliyunError } from '../aliyun/errors.ts';
import { deletePermissionBatch, type Settled } from '../aliyun/permission-delete.ts';
import { aliyunKindOf } from '../cloud-errors.ts';
import type { AliyunBatch, AliyunJobOptions, AliyunJournal, AliyunRecord } from './aliyun-journal.ts';
import type { RunEnd } from './cloud-run.ts';

/** What one pass of an Alibaba removal job works with. */
export interface AliyunPassContext {
  jobId: string;
  options: AliyunJobOptions;
  journal: AliyunJournal;
  /** The (paced) client. */
  client: AliyunClient;
  settings: AliyunSettings;
  /** Sends of one item before it is failed (throttled or transient answers). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  signal: AbortSignal;
  /** Whether the stop was a shutdown (requests in flight stay 'sending' for the next start). */
  closing(): boolean;
  /** The cloud answered (true) or did not (false): the status bar's reachability. */
  reachable(answered: boolean): void;
  onProgress(): void;
}

const RESENT = 'The answer to an earlier request was lost; it is sent again (a delete is harmless to repeat).';

function recordOf(itemId: number, settled: Settled): AliyunRecord {
  // The platform never leaves a user unconfirmed in an answer (200 and 3000 name exactly the request's users).
  const outcome = settled.outcome === 'queued' || settled.outcome === 'unconfirmed' ? 'failed' : settled.outcome;
  return { itemId, outcome, rawCode: settled.rawCode, reason: settled.reason, evidence: settled.evidence ?? null };
}

/**
 * One scope's work: claim a batch (journaled 'sending'), delete it (splitting on per-user codes), record every
 * item in one transaction. A scope-wide refusal (unknown or foreign device/space) fails the scope's other
 * items; credentials or request-level refusals fail the job's remaining items (every request would fail
 * alike); no answer puts the batch back and the job waits, queued; throttled or transient answers back off and
 * retry up to `maxAttempts` sends per item.
 */
async function runScope(ctx: AliyunPassContext, scopeId: string): Promise<RunEnd | 'fatal'> {
  const { journal, jobId, options } = ctx;
  for (let retries = 0; ;) {
    if (ctx.signal.aborted) return 'stopped';
    const batch = journal.claimBatch(jobId, scopeId, ctx.settings.batchSize);
    if (!batch) return 'finished';
    const settled = new Map<string, Settled>();
    try {
      await deletePermissionBatch(
        ctx.client,
        {
          userType: options.userType,
          userIds: batch.items.map((i) => i.userId),
          scopeType: options.scopeType,
          scopeId,
        },
        settled,
        ctx.signal,
      );
      ctx.reachable(true);
      journal.acknowledge(batch.id, recordsOf(batch, settled));
      retries = 0;
      const scopeWide = [...settled.values()].find((s) => s.scopeWide);
      if (scopeWide) journal.failRemaining(jobId, scopeId, scopeWide.rawCode, scopeWide.reason ?? 'Refused.', false);
      ctx.onProgress();
      if (scopeWide) return 'finished';
    } catch (error) {
      if (settled.size > 0) journal.acknowledge(batch.id, recordsOf(batch, settled));
      if (ctx.signal.aborted) {
        // Shutdown: the batch stays 'sending' and is sent again at the next start. Pause or cancel: unknown.
        if (!ctx.closing()) journal.markUnknown(batch.id, 'stopped while the request was on its way');
        return 'stopped';
      }
      if (!(error instanceof AliyunError)) throw error;
      const kind = aliyunKindOf(error);
      if (kind === 'network') {
        ctx.reachable(false);
        journal.release(batch, error.rawCode, error.message, Number.MAX_SAFE_INTEGER, false);
        ctx.onProgress();
        return 'waiting';
      }
      ctx.reachable(true);
      if (kind === 'throttled' || kind === 'server' || kind === 'bad-response') {
        journal.release(batch, error.rawCode, error.message, ctx.maxAttempts);
        ctx.onProgress();
        retries += 1;
        try {
          await sleep(backoffDelay(retries, ctx.backoff), ctx.signal);
        } catch {
          return 'stopped';
        }
        continue;
      }
      // Credentials, configuration or a request-level refusal: every request would fail the same way.
      journal.release(batch, error.rawCode, error.message, 0);
      journal.failRemaining(jobId, null, error.rawCode, error.message);
      ctx.onProgress();
      return 'fatal';
    }
  }
}

function recordsOf(batch: AliyunBatch, settled: Map<string, Settled>): AliyunRecord[] {
  return batch.items.flatMap((item) => {
    const s = settled.get(item.userId);
    return s ? [recordOf(item.id, s)] : [];
  });
}

/** One pass over an Alibaba removal job: batches left unanswered are put back first, then scope by scope. */
export async function runAliyunPass(ctx: AliyunPassContext): Promise<RunEnd> {
  for (const open of ctx.journal.openBatches(ctx.jobId)) {
    ctx.journal.release(open, 'unconfirmed', RESENT, Number.MAX_SAFE_INTEGER);
  }
  for (const scopeId of ctx.journal.scopesWithWork(ctx.jobId)) {
    const end = await runScope(ctx, scopeId);
    if (end === 'fatal') return 'finished';
    if (end !== 'finished') return end;
  }
  return 'finished';
}
