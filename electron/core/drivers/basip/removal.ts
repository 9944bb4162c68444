import { DriverError, type ItemResult } from '../driver.ts';

/**
 * Checks on the ids of BAS-IP bulk deletes before anything is sent, and what a request the panel refuses AS A
 * WHOLE means for its ids. By link: `{"link_ids": [...]}`; by uid: `{"uid_items": [...]}`. Per-id results are
 * read in results.ts.
 */

/** A UUID in its canonical text form (any version, either case), as panels parse `link_id`. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How many bad ids an error message lists before summarising. */
const LISTED_IDS = 10;

/** The reason given for an id the panel refuses as not valid even in a request naming only it. */
export const REFUSED_ALONE_REASON =
  'The panel refuses this id as not valid ("Wrong JSON body") even when it is sent alone; sending it again will not help.';

/** Throws DriverError('invalid') listing the link ids that are not UUIDs; nothing may be sent then. */
export function checkLinkIds(ids: readonly string[]): void {
  const bad = ids.filter((id) => !UUID.test(id));
  if (bad.length > 0) throw new DriverError('invalid', `Not valid link ids (a UUID is expected): ${listed(bad)}.`);
}

/** The uids as numbers; throws DriverError('invalid') listing the ids that are not non-negative integers. */
export function checkUids(ids: readonly string[]): number[] {
  const bad = ids.filter((id) => !/^\d{1,15}$/.test(id) || !Number.isSafeInteger(Number(id)));
  if (bad.length > 0) throw new DriverError('invalid', `Not valid uids (a whole number is expected): ${listed(bad)}.`);
  return ids.map(Number);
}

/**
 * Whether an error is the panel refusing a delete AS A WHOLE as not valid: a 400 "Wrong JSON body" (legacy,
 * any of the vendor's three texts) or a coded `not_valid`. Some firmware answers so when one id of the list is
 * unknown, and then deletes nothing: that says nothing about each id, so the caller splits the list.
 */
export function isWholeRejection(error: unknown): boolean {
  if (!(error instanceof DriverError) || error.kind !== 'invalid' || error.status !== 400) return false;
  const code = error.rawCode ?? '';
  return code === 'not_valid' || /^wrong json body/i.test(code);
}

/**
 * The result of an id refused as not valid in a request naming only it: failed for good (`permanent`, never
 * retried), on the panel's word about that id alone.
 */
export function refusedAlone(id: string, error: unknown): ItemResult {
  const rawCode = (error instanceof DriverError ? error.rawCode : null) ?? 'not_valid';
  return { id, outcome: 'failed', evidence: 'item-error', rawCode, reason: REFUSED_ALONE_REASON, permanent: true };
}

function listed(ids: readonly string[]): string {
  const shown = ids
    .slice(0, LISTED_IDS)
    .map((id) => JSON.stringify(id.slice(0, 64)))
    .join(', ');
  return ids.length > LISTED_IDS ? `${shown} and ${ids.length - LISTED_IDS} more` : shown;
}
