import type { RemovalIdKind } from '../drivers/driver.ts';
import { untilWhole, type LaneContext } from './lane-context.ts';
import { readIfComplete, type RecheckEnd } from './recheck.ts';

/** Id kinds the engine plans (the kinds a terminal's delete may or may not answer per item). */
const ID_KINDS: readonly RemovalIdKind[] = ['identity_id', 'link_id', 'uid'];

/**
 * Before sending deletes that the terminal answers without a per-item result (BAS-IP by uid: an empty 200),
 * reads its COMPLETE list once: items it does not hold are recorded already absent (evidence `read-before`)
 * and never sent; the others are sent, and their answer is settled by a read after (removed by read-back, or
 * still present). So neither "already absent" nor "removed" is ever said of an id the terminal never held
 * without a read that shows it. When the list cannot be read to its end nothing is concluded: the items are
 * sent, and end unconfirmed unless a later read settles them. A plan still being journaled is waited for: the
 * read judges every item of the terminal.
 */
export async function readBeforeBlindDeletes(ctx: LaneContext): Promise<RecheckEnd> {
  const blind = ID_KINDS.filter((kind) => !ctx.session.answersPerItem(kind));
  // The read must see every item it judges: a plan journaled in rounds is waited for first (plan-feed.ts).
  if (blind.some((kind) => ctx.plan.coming(kind)) && !(await untilWhole(ctx))) return 'stopped';
  const items = ctx.journal.pendingOfKinds(ctx.jobId, ctx.terminal.serial, blind);
  if (items.length === 0) return 'ok';
  const found = await readIfComplete(ctx);
  if (found === null) return 'ok';
  if (typeof found === 'string') return found;
  const absent = items.filter((item) => !found.has(item)).map((item) => item.id);
  if (ctx.journal.recordAbsentBeforeSending(ctx.jobId, ctx.terminal.serial, absent) > 0) ctx.onProgress();
  return 'ok';
}
