import type { ItemResult } from '../driver.ts';
import { isRecord, pickCount, pickText, type JsonRecord } from './json.ts';

/**
 * Per-id results of BAS-IP bulk deletes (ARCHITECTURE.md, "Evidence"). An id is `removed` only on the panel's
 * own per-id confirmation and `already-absent` only on its per-id `entity_not_found`; an id the answer says
 * nothing attributable about is `unconfirmed` (the engine settles it with a complete read). Nothing is ever
 * matched by position: an entry counts for an id only when it names that id.
 */

/** rawCode of an id whose delete was answered without any per-id result list (the uid delete's empty 200). */
export const NO_ITEM_ANSWER = 'no-item-answer';

/** rawCode of an id the answer's result list leaves out while it holds entries naming no requested id. */
export const UNATTRIBUTED = 'unattributed-answer';

/** rawCode of an id the answer's result list leaves out. */
export const NOT_REPORTED_CODE = 'not-reported';

/** The reason given when the answer carries no per-id result list at all. */
export const NO_ITEM_ANSWER_REASON =
  'The panel accepted the delete but did not say what became of this id; a read of its list settles it.';

/** The reason given when a result list says nothing about an id. */
export const NOT_REPORTED = 'The panel did not report this id; a read of its list settles it.';

/** The reason given when a result list holds entries that do not say which id they are about. */
export const UNATTRIBUTED_REASON =
  'The panel answered without saying which id each result is about (link_id null or missing); a read of its list settles this id.';

/**
 * One result per requested link id, in request order, from a link call's `{"result": [{"link_id", "success",
 * "extended_info"}]}` (matched by link id without regard to case; a repeated id takes the next entry naming it).
 * An entry whose `link_id` is null, missing or not text names no id. No result list → every id unconfirmed.
 */
export function linkResults(ids: readonly string[], json: unknown): ItemResult[] {
  return matchResults(ids, json, (id) => id.toLowerCase(), linkIdOf);
}

/**
 * One result per requested uid, in request order. The vendor documents no answer body for the uid delete and
 * panels answer an empty 200: then every uid is unconfirmed (the panel skips uids it does not hold without a
 * word, so "accepted" proves nothing). Some firmware answers `{"result": [{"identifier_uid", "success",
 * "extended_info"}]}`: entries are matched by uid.
 */
export function uidResults(ids: readonly string[], json: unknown): ItemResult[] {
  return matchResults(ids, json, (id) => String(Number(id)), uidOf);
}

/** The lower-case `link_id` an entry names; undefined when it names none (null, missing, not text). */
function linkIdOf(entry: JsonRecord): string | undefined {
  const value = entry.link_id;
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined;
}

/** The uid an entry names (`identifier_uid` or `uid`, a whole number or its decimal text). */
function uidOf(entry: JsonRecord): string | undefined {
  const uid = pickCount(entry, ['identifier_uid', 'uid']);
  return uid === null ? undefined : String(uid);
}

function matchResults(
  ids: readonly string[],
  json: unknown,
  keyOfId: (id: string) => string,
  keyOfEntry: (entry: JsonRecord) => string | undefined,
): ItemResult[] {
  if (!isRecord(json) || !Array.isArray(json.result)) {
    return ids.map((id) => unconfirmed(id, NO_ITEM_ANSWER, NO_ITEM_ANSWER_REASON));
  }
  const queues = new Map<string, JsonRecord[]>();
  for (const id of ids) queues.set(keyOfId(id), []);
  let strays = 0;
  for (const entry of json.result) {
    const key = isRecord(entry) ? keyOfEntry(entry) : undefined;
    const queue = key === undefined ? undefined : queues.get(key);
    if (queue && isRecord(entry)) queue.push(entry);
    else strays++;
  }
  return ids.map((id) => {
    const entry = queues.get(keyOfId(id))?.shift();
    if (entry) return fromEntry(id, entry);
    return strays > 0
      ? unconfirmed(id, UNATTRIBUTED, UNATTRIBUTED_REASON)
      : unconfirmed(id, NOT_REPORTED_CODE, NOT_REPORTED);
  });
}

/**
 * One entry's verdict: `entity_not_found` → already absent; `deleted` (or a success without extended_info) →
 * removed; any other success (`created`, `updated`: not a deletion) → unconfirmed; a failure → failed with the
 * vendor's extended_info; anything else (no success flag, a contradiction) → unconfirmed.
 */
function fromEntry(id: string, entry: JsonRecord): ItemResult {
  const info = pickText(entry, ['extended_info']);
  const success = entry.success;
  if (info === 'entity_not_found') {
    return { id, outcome: 'already-absent', evidence: 'not-found', rawCode: info, reason: null };
  }
  if (success !== false && (info === 'deleted' || (success === true && info === null))) {
    return { id, outcome: 'removed', evidence: 'answer', rawCode: info, reason: null };
  }
  if (success === true) {
    return unconfirmed(
      id,
      info,
      `The panel answered "${info}" to a delete, which is not a deletion; a read of its list settles this id.`,
    );
  }
  if (success === false && info !== 'deleted') {
    return { id, outcome: 'failed', evidence: 'item-error', rawCode: info, reason: failureReason(info) };
  }
  return unconfirmed(
    id,
    info,
    'The panel answered about this id without saying whether it was deleted; a read of its list settles it.',
  );
}

function unconfirmed(id: string, rawCode: string | null, reason: string): ItemResult {
  return { id, outcome: 'unconfirmed', evidence: null, rawCode, reason };
}

function failureReason(info: string | null): string {
  if (info === 'has_dublicates') return 'The panel holds duplicates of this identifier and did not delete it.';
  if (info === null) return 'The panel did not delete this id and gave no reason.';
  return `The panel did not delete this id (${info}).`;
}
