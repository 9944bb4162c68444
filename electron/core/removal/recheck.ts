import { DriverError } from '../drivers/driver.ts';
import { sleep } from '../jobs/backoff.ts';
import type { Batch } from './journal-types.ts';
import { slotFor, waitBackoff, type LaneContext } from './lane-context.ts';
import { READ_INCOMPLETE, readPresence, type PresenceIndex } from './presence.ts';

/** How a re-check by reading the terminal ended. */
export type RecheckEnd = 'ok' | 'offline' | 'auth' | 'stopped' | 'aborted';

/**
 * Reads the terminal's whole list, retrying with back-off: `maxAttempts` tries. An unanswered or refused read
 * (a token refused right after a fresh login included) is retried; `offline` ends at once; after the last try the terminal counts as lost (offline). An `invalid`
 * read (the device cannot list) throws, since retrying cannot help.
 */
export async function readWithRetry(ctx: LaneContext): Promise<PresenceIndex | Exclude<RecheckEnd, 'ok'>> {
  const slot = slotFor(ctx);
  for (let attempt = 1; ; attempt++) {
    try {
      return await readPresence(ctx.session, ctx.terminal.kind, slot, ctx.control.closeSignal);
    } catch (error) {
      if (ctx.control.closeSignal.aborted) return 'aborted';
      if (!(error instanceof DriverError)) throw error;
      // A token refused (401) even after the driver logged in again is retried like a busy answer, as a delete
      // is (send.ts); a refused login or missing rights, or a token still refused at the last try, is 'auth'.
      const tokenRefused = error.kind === 'auth' && error.status === 401 && attempt < ctx.settings.maxAttempts;
      if (error.kind === 'auth' && !tokenRefused) return 'auth';
      if (error.kind === 'invalid') throw error;
      // A list that changed while it was read answers: it is not lost, only not readable to its end now.
      if (error.rawCode === READ_INCOMPLETE && attempt >= ctx.settings.maxAttempts) throw error;
      if (error.kind === 'offline' || attempt >= ctx.settings.maxAttempts) return 'offline';
      if (!(await waitBackoff(ctx, attempt))) return 'stopped';
    }
  }
}

/**
 * For a step that may conclude nothing (verification, a read before sending): the terminal's complete list,
 * how the read ended (offline, auth, stopped, aborted), or null when the list cannot be read to its end.
 */
export async function readIfComplete(ctx: LaneContext): Promise<PresenceIndex | Exclude<RecheckEnd, 'ok'> | null> {
  try {
    return await readWithRetry(ctx);
  } catch {
    return null;
  }
}

/** Raw code of items no complete read could settle. */
export const UNREADABLE = 'recheck:unreadable';

/**
 * Settles the terminal's batches whose answer is unknown (left 'sending' by a crash, 'unknown' after a
 * time-out or a dropped connection, or answered without a per-item result for some items) WITHOUT sending
 * them again: waits until each unanswered request must have ended on the device (sent + per-request
 * time-out; an answered one has ended), reads the terminal's COMPLETE list, records absent items removed
 * (evidence read-back) and puts present ones back to pending. So an item the terminal acknowledged is never
 * sent twice, and none is lost. When the list cannot be read to its end, those items end `unconfirmed`,
 * saying why (retried by reading later), never removed on a guess.
 */
export async function reconcileOpenBatches(ctx: LaneContext, batches?: readonly Batch[]): Promise<RecheckEnd> {
  const open = batches ?? ctx.journal.openBatches(ctx.jobId, ctx.terminal.serial);
  if (open.length === 0) return 'ok';
  const settledAt = Math.max(
    ...open.map((b) => (b.answeredAt ? b.answeredAt : b.createdAt + ctx.settings.requestTimeoutMs)),
  );
  const wait = settledAt - ctx.now();
  if (wait > 0) {
    try {
      await sleep(wait, ctx.control.closeSignal);
    } catch {
      return 'aborted';
    }
  }
  let index: Awaited<ReturnType<typeof readWithRetry>>;
  try {
    index = await readWithRetry(ctx);
  } catch (error) {
    ctx.journal.settleUnconfirmed(ctx.jobId, ctx.terminal.serial, {
      rawCode: UNREADABLE,
      reason: `The terminal did not confirm this item and its list cannot be read to check (${(error as Error).message}). Retry later: the app reads the terminal before sending anything again.`,
    });
    ctx.onProgress();
    return 'ok';
  }
  if (typeof index === 'string') return index;
  const found = index;
  const absent = new Set(open.flatMap((b) => b.items.filter((i) => !found.has(i)).map((i) => i.id)));
  ctx.journal.reconcile(ctx.jobId, open, absent, ctx.settings.maxAttempts);
  ctx.onProgress();
  return 'ok';
}

/**
 * Verification (on unless the job turned it off): reads the terminal's COMPLETE list once its items are all
 * finished and confirms every item recorded removed or already absent without a read is absent; one still
 * listed becomes failed ("still present"). When the list cannot be read to its end, the items stay
 * unverified (the job summary counts them). The confirmations are written in steps; a shutdown between two
 * leaves the rest unverified, to be read again by the next verification ('aborted').
 */
export async function verifyTerminal(ctx: LaneContext): Promise<RecheckEnd> {
  const { jobId } = ctx;
  const serial = ctx.terminal.serial;
  if (!ctx.journal.hasUnverified(jobId, serial)) return 'ok';
  const found = await readIfComplete(ctx);
  if (found === null) return 'ok';
  if (typeof found === 'string') return found;
  // Only items whose id the terminal still lists can be present: look those up, confirm the rest.
  const candidates = ctx.journal.unverifiedAmong(jobId, serial, found.ids);
  let stillPresent = candidates.filter((i) => found.has(i)).map((i) => i.id);
  // Confirmed in group commits of VERIFY_CHUNK items: between them the app's thread serves the other lanes'
  // answers and reads (a terminal's 10,000 items in one statement held it ~45 ms, and 50 terminals verifying
  // at the end of a job held every other lane's last requests and reads behind them).
  for (;;) {
    if (ctx.control.closeSignal.aborted) return 'aborted';
    const present = stillPresent;
    stillPresent = [];
    const confirmed = await ctx.commits.run(() => ctx.journal.recordVerification(jobId, serial, present, VERIFY_CHUNK));
    ctx.onProgress();
    if (confirmed < VERIFY_CHUNK) return 'ok';
  }
}

/** Items a verification confirms per group commit (see {@link verifyTerminal}). */
export const VERIFY_CHUNK = 1_000;
