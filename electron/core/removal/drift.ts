import type { LaneContext } from './lane-context.ts';
import { readIfComplete, type RecheckEnd } from './recheck.ts';

/**
 * Before replaying a terminal's queued items (it was offline and answers again), reads its list once and
 * records what changed while they waited: items it no longer holds were removed by someone else, so they
 * become `already-absent` with a drift record and are never sent. The report then tells the truth ("already
 * absent when we came back"), not "removed by us". When the list cannot be read (the device cannot list),
 * nothing is concluded and the items are sent: a delete of something missing is recorded as already absent.
 */
export async function checkDriftBeforeReplay(ctx: LaneContext): Promise<RecheckEnd> {
  const queued = ctx.journal.queuedPending(ctx.jobId, ctx.terminal.serial);
  if (queued.length === 0) return 'ok';
  const found = await readIfComplete(ctx);
  if (found === null) return 'ok';
  if (typeof found === 'string') return found;
  const absent = queued.filter((item) => !found.has(item)).map((item) => item.id);
  if (ctx.journal.recordAbsentDrift(ctx.jobId, ctx.terminal.serial, absent, ctx.now()) > 0) ctx.onProgress();
  return 'ok';
}
