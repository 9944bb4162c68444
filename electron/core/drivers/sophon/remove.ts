import { DriverError, type ItemResult } from '../driver.ts';
import { splitUntilAnswered } from '../split-batch.ts';
import type { SophonApi } from './api.ts';
import { IdentitiesPageSchema, readAnswer, readDeleteAnswer } from './answers.ts';
import { ID_NOT_FOUND, INVALID_ARGUMENTS, NumberedCodeError } from './errors.ts';
import { item, RAW_FAILED, RAW_SUCCESS } from './items.ts';

/** Reason given for an id the terminal left out of both answer lists. */
export const REASON_NOT_REPORTED = 'The terminal did not report this id.';
/** Reason given to every id of a delete answered 2xx without either list (`{}`, empty, HTML). */
export const REASON_NO_LISTS = 'The terminal answered the delete without saying which people it deleted.';
/** Reason given for a person the terminal could not delete and still holds. */
export const REASON_STILL_PRESENT = 'The terminal could not delete this person; it is still stored.';
/** Reason given for an id the terminal refused as not valid in a request naming only it. */
export const REASON_INVALID_ID =
  'The terminal refused this id as not valid (INVALID_ARGUMENTS): it is not a valid identity_id for this terminal, so removing it will never succeed.';

/**
 * Deletes people with `deleteidentities` and answers one result per input id, in input order (an id given
 * twice is sent once). Only the terminal's word decides (ARCHITECTURE.md, "Evidence"):
 * - in `success_identity_ids`: removed (evidence `answer`);
 * - in `failed_identity_ids`: one filtered `getidentities` read decides (see {@link confirmFailed});
 * - in neither list, or the answer has neither list: unconfirmed (no evidence; the engine settles it by a
 *   complete read);
 * - a whole-request `ID_NOT_FOUND` or `INVALID_ARGUMENTS` (firmware that refuses a batch for one bad id and
 *   deletes nothing) is no answer about each id: the batch is split until each id has its own answer; for a
 *   request naming one id, ID_NOT_FOUND is already-absent (`not-found`) and INVALID_ARGUMENTS a permanent
 *   failure (`item-error`).
 * Any other error throws (nothing is known about the ids then).
 */
export async function removeIdentities(
  api: SophonApi,
  ids: readonly string[],
  signal: AbortSignal | undefined,
): Promise<ItemResult[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const results = await splitUntilAnswered(
    unique,
    (batch) => deleteBatch(api, batch, signal),
    isWholeRejection,
    singleAnswer,
  );
  // A refusal named from an integer code is a guess at its meaning: a filtered read settles the id instead.
  // One request at a time, as every call of a session (terminals are small computers).
  const settled: ItemResult[] = [];
  for (const result of results) {
    settled.push(result.rawCode === GUESSED ? await confirmRefused(api, result.id, signal) : result);
  }
  const byId = new Map(settled.map((result) => [result.id, result]));
  return ids.map((id) => byId.get(id) as ItemResult);
}

/** Marks a single-id refusal whose meaning rests on an integer code's guessed name (see NumberedCodeError). */
const GUESSED = 'numbered-code';

/**
 * Settles one id whose request the terminal refused with an integer code: the refusal deleted nothing, so a
 * complete filtered read tells the truth: absent → already absent (`read-back`); still listed → failed.
 */
async function confirmRefused(api: SophonApi, id: string, signal: AbortSignal | undefined): Promise<ItemResult> {
  const result = await confirmFailed(api, id, false, signal);
  return result.outcome === 'failed' ? { ...result, reason: REASON_REFUSED_PRESENT } : result;
}

/** Reason given for an id refused with an integer code that a read still finds on the terminal. */
export const REASON_REFUSED_PRESENT =
  'The terminal refused to delete this person (an error code the app cannot name for sure) and still holds it.';

/** Whether a delete was refused as a whole in a way splitting resolves (one bad or unknown id). */
export function isWholeRejection(error: unknown): boolean {
  return error instanceof DriverError && (error.rawCode === ID_NOT_FOUND || error.rawCode === INVALID_ARGUMENTS);
}

/** The answer of a refused request that named only `id`: it is about that id. */
function singleAnswer(id: string, error: unknown): ItemResult {
  if (error instanceof NumberedCodeError) return item(id, 'unconfirmed', null, GUESSED, null);
  if (error instanceof DriverError && error.rawCode === ID_NOT_FOUND) {
    return item(id, 'already-absent', 'not-found', ID_NOT_FOUND, null);
  }
  // Not valid for this terminal: it can never succeed, so the engine never retries it.
  return { ...item(id, 'failed', 'item-error', INVALID_ARGUMENTS, REASON_INVALID_ID), permanent: true };
}

/** One `deleteidentities` request for `batch` (unique ids); throws what the request throws. */
async function deleteBatch(
  api: SophonApi,
  batch: readonly string[],
  signal: AbortSignal | undefined,
): Promise<ItemResult[]> {
  const answer = readDeleteAnswer(await api.callForAnswer('deleteidentities', { identity_ids: batch }, signal));
  if (!answer) return batch.map((id) => item(id, 'unconfirmed', null, null, REASON_NO_LISTS));
  const success = new Set(answer.success);
  const failed = new Set(answer.failed);
  const results: ItemResult[] = [];
  for (const id of batch) {
    // An id in both lists contradicts itself: the read decides, as for a failed one.
    if (failed.has(id)) results.push(await confirmFailed(api, id, success.has(id), signal));
    else if (success.has(id)) results.push(item(id, 'removed', 'answer', RAW_SUCCESS, null));
    else results.push(item(id, 'unconfirmed', null, null, REASON_NOT_REPORTED));
  }
  return results;
}

/**
 * Classifies an id the terminal listed as failed (the device does not say why; an unknown id is the usual
 * reason) by one filtered read: still listed → failed (`item-error`); absent on a complete read →
 * already-absent, or removed when the terminal also listed it as deleted (`read-back`); an ID_NOT_FOUND
 * answer to that read → already-absent (`not-found`); a read that cannot tell or fails → unconfirmed.
 */
async function confirmFailed(
  api: SophonApi,
  id: string,
  alsoDeleted: boolean,
  signal: AbortSignal | undefined,
): Promise<ItemResult> {
  let presence: Presence;
  try {
    presence = await readPresence(api, id, signal);
  } catch (error) {
    if (!(error instanceof DriverError)) throw error; // aborted: the caller asked to stop
    const reason = `The terminal could not delete this person, and reading it back failed (${error.message})`;
    return { ...item(id, 'unconfirmed', null, RAW_FAILED, reason), notDeleted: !alsoDeleted };
  }
  if (presence === 'present') return item(id, 'failed', 'item-error', RAW_FAILED, REASON_STILL_PRESENT);
  if (presence === 'not-found') return item(id, 'already-absent', 'not-found', ID_NOT_FOUND, null);
  if (presence === 'absent') {
    return alsoDeleted
      ? item(id, 'removed', 'read-back', RAW_SUCCESS, null)
      : item(id, 'already-absent', 'read-back', ID_NOT_FOUND, null);
  }
  const reason = 'The terminal could not delete this person, and reading it back could not tell whether it is stored.';
  return { ...item(id, 'unconfirmed', null, RAW_FAILED, reason), notDeleted: !alsoDeleted };
}

/** What a filtered read says about one id. */
type Presence = 'present' | 'absent' | 'not-found' | 'unknown';

/**
 * Whether the terminal still holds `id`, read with a `getidentities` filter on it: `absent` only when the
 * read is complete (its rows reach the total the terminal states) and none of them is `id`; `unknown` when
 * the rows are fewer than the stated total (a terminal that ignores the filter or cuts the page).
 */
async function readPresence(api: SophonApi, id: string, signal: AbortSignal | undefined): Promise<Presence> {
  let json: Record<string, unknown>;
  try {
    json = await api.call('getidentities', { filters: { identity_id: id }, page_limit: 10, page_index: 0 }, signal);
  } catch (error) {
    // Only the named code is a "not found"; an integer code's name is a guess (NumberedCodeError).
    if (error instanceof DriverError && error.rawCode === ID_NOT_FOUND && !(error instanceof NumberedCodeError)) {
      return 'not-found';
    }
    throw error;
  }
  const page = readAnswer(IdentitiesPageSchema, json, 'getidentities');
  if (page.identities.some((identity) => identity.identity_id === id)) return 'present';
  return page.identities.length >= page.pagination.total_count ? 'absent' : 'unknown';
}
