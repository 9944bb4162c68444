import { DriverError, type ItemResult } from '../driver.ts';
import { isRecord, pickCount, pickText, type JsonRecord } from './json.ts';

/**
 * Bodies and per-id results of BAS-IP bulk deletes. By link: `{"link_ids": [...]}` answered
 * `{"result": [{"link_id", "success", "extended_info"}]}` (vendor document). By uid: `{"uid_items": [...]}`,
 * for which the vendor documents no answer body (the simulator answers an empty 200).
 */

/** A UUID in its canonical text form (any version, either case), as panels parse `link_id`. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The reason given when an answer says nothing about an id. */
export const NOT_REPORTED = 'The panel did not report this id.';

/** How many bad ids an error message lists before summarising. */
const LISTED_IDS = 10;

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
 * One result per requested link id, in request order, from a link call's `result` list (matched by
 * link id without regard to case; a repeated id takes the next entry for it): `deleted` → removed,
 * `entity_not_found` → already-absent, any other success → removed, other failures → failed with the vendor's `extended_info`; an id
 * the answer leaves out → failed.
 */
export function linkResults(ids: readonly string[], json: unknown): ItemResult[] {
  const entries = resultEntries(json);
  const byId = new Map<string, JsonRecord[]>();
  for (const entry of entries) {
    const linkId = pickText(entry, ['link_id'])?.toLowerCase();
    if (linkId === undefined) continue;
    const queue = byId.get(linkId) ?? [];
    queue.push(entry);
    byId.set(linkId, queue);
  }
  return ids.map((id) => itemResult(id, byId.get(id.toLowerCase())?.shift()));
}

/**
 * One result per requested uid, in request order. When the answer carries a `result` list (some firmware
 * may), entries are matched by `identifier_uid` / `uid`; when it carries none (the documented empty 200),
 * the panel accepted the whole request and every uid counts as removed: it cannot tell us which uids it
 * did not hold.
 */
export function uidResults(ids: readonly string[], json: unknown): ItemResult[] {
  const entries = resultEntries(json);
  if (entries.length === 0) return ids.map((id) => ({ id, outcome: 'removed', rawCode: null, reason: null }));
  const byUid = new Map<string, JsonRecord[]>();
  for (const entry of entries) {
    const uid = pickCount(entry, ['identifier_uid', 'uid', 'uid_item']);
    if (uid === null) continue;
    const queue = byUid.get(String(uid)) ?? [];
    queue.push(entry);
    byUid.set(String(uid), queue);
  }
  return ids.map((id) => itemResult(id, byUid.get(String(Number(id)))?.shift()));
}

function resultEntries(json: unknown): JsonRecord[] {
  if (!isRecord(json) || !Array.isArray(json.result)) return [];
  return json.result.filter(isRecord);
}

function itemResult(id: string, entry: JsonRecord | undefined): ItemResult {
  if (!entry) return { id, outcome: 'failed', rawCode: null, reason: NOT_REPORTED };
  const info = pickText(entry, ['extended_info']);
  if (info === 'entity_not_found') return { id, outcome: 'already-absent', rawCode: info, reason: null };
  if (info === 'deleted' || entry.success === true) {
    return { id, outcome: 'removed', rawCode: info, reason: null };
  }
  return { id, outcome: 'failed', rawCode: info, reason: reasonOf(info) };
}

function reasonOf(info: string | null): string {
  if (info === 'has_dublicates') return 'The panel holds duplicates of this identifier and did not delete it.';
  if (info === null) return 'The panel did not delete this id and gave no reason.';
  return `The panel did not delete this id (${info}).`;
}

function listed(ids: readonly string[]): string {
  const shown = ids
    .slice(0, LISTED_IDS)
    .map((id) => JSON.stringify(id.slice(0, 64)))
    .join(', ');
  return ids.length > LISTED_IDS ? `${shown} and ${ids.length - LISTED_IDS} more` : shown;
}
