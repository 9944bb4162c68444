import { DriverError, type ItemResult, type RemovalIdKind, type TerminalSession } from '../drivers/driver.ts';
import type { Batch, BatchFailure, ItemRecord, WorkItem } from './journal-types.ts';
import { credentialsFailure } from './credentials-failure.ts';

/**
 * What one request's fate means for the engine:
 * - `acknowledged`: the terminal answered per item;
 * - `refused`: it answered that it did nothing (5xx, busy): retry after a back-off;
 * - `unknown`: no answer (time-out, dropped connection): it may have done it, so re-check by reading first;
 * - `offline`: nothing answers (connection refused): queue until the terminal is back;
 * - `auth`: credentials refused: fail, never retried;
 * - `invalid`: the terminal refused the request as not valid: fail, never retried;
 * - `aborted`: the app is shutting down: leave the batch 'sending' for the next start.
 */
export type SendResult =
  | { kind: 'acknowledged'; records: ItemRecord[] }
  | { kind: 'refused' | 'unknown' | 'offline' | 'auth'; failure: BatchFailure }
  | { kind: 'invalid'; failure: BatchFailure; answered: boolean }
  | { kind: 'aborted' };

/** The failure of a face item sent to a terminal whose sessions cannot remove single faces (never retried). */
export const NO_FACE_REMOVAL: BatchFailure = {
  rawCode: 'capability:remove-face',
  reason: 'This terminal cannot remove a single face: remove the whole person instead.',
};

/** Classifies an error thrown by a driver call (or anything else thrown) into a {@link SendResult}. */
export function classify(error: unknown, closeSignal: AbortSignal): Exclude<SendResult, { kind: 'acknowledged' }> {
  if (closeSignal.aborted) return { kind: 'aborted' };
  if (!(error instanceof DriverError)) {
    // Not a classified driver failure: whether the request reached the terminal is not known.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'unknown', failure: { rawCode: null, reason: `The request failed unexpectedly: ${message}` } };
  }
  const failure = {
    rawCode: error.rawCode ?? (error.status === null ? null : `HTTP_${error.status}`),
    reason: error.message,
  };
  if (error.kind === 'offline') return { kind: 'offline', failure };
  if (error.kind === 'auth') {
    // A token refused (401) even after the driver logged in again is retried like a busy answer (tokens
    // expire, panels restart); a refused login or missing rights fails at once.
    const failure = credentialsFailure(error.message, error.rawCode);
    return { kind: error.status === 401 ? 'refused' : 'auth', failure };
  }
  if (error.kind === 'invalid') return { kind: 'invalid', failure, answered: error.status !== null };
  const answered = error.status !== null && (error.status < 200 || error.status > 299);
  return { kind: answered ? 'refused' : 'unknown', failure };
}

/** Pairs driver results with the batch's items (by position, checked by id; else by id). */
export function recordsOf(items: readonly WorkItem[], results: readonly ItemResult[]): ItemRecord[] {
  // Drivers answer in request order, so the index by id is built only when a result is not in its place (the
  // answers of a job's batches are alive until journaled: less to hold per request in flight, issue 19).
  let byId: Map<string, ItemResult> | undefined;
  const lookup = (wanted: string): ItemResult | undefined => {
    if (!byId) {
      byId = new Map<string, ItemResult>();
      for (const result of results) byId.set(result.id.toLowerCase(), result);
    }
    return byId.get(wanted);
  };
  return items.map((item, index) => {
    const id = item.faceId || item.nativeId;
    const positional = results[index];
    const inPlace =
      positional !== undefined && (positional.id === id || positional.id.toLowerCase() === id.toLowerCase());
    const result = inPlace ? positional : lookup(id.toLowerCase());
    if (!result) {
      // No answer about this id is no evidence: a read of the terminal settles it.
      return { itemId: item.id, outcome: 'unconfirmed', rawCode: null, reason: 'The terminal did not report this id.' };
    }
    const outcome = result.outcome === 'queued' ? 'failed' : result.outcome;
    const evidence = result.evidence ?? null;
    // Removed or absent only on evidence: a driver result without any is not taken at its word.
    const proven = outcome !== 'removed' && outcome !== 'already-absent' ? outcome : evidence ? outcome : 'unconfirmed';
    const record: ItemRecord = { itemId: item.id, outcome: proven, rawCode: result.rawCode, reason: result.reason };
    if (evidence) record.evidence = evidence;
    if (result.permanent) record.permanent = true;
    if (proven === 'unconfirmed' && result.notDeleted) record.notDeleted = true;
    return record;
  });
}

/**
 * Sends one batch: `removePeople` for people (Sophon `deleteidentities`, BAS-IP delete by link id / uid); the
 * session's `removeFace` capability for a face (a batch of one; {@link NO_FACE_REMOVAL} where it has none).
 * Requests are aborted only by `closeSignal` (shutdown): pause and cancel let a request in flight finish so
 * its answer is recorded.
 */
export async function sendBatch(session: TerminalSession, batch: Batch, closeSignal: AbortSignal): Promise<SendResult> {
  const first = batch.items[0] as WorkItem;
  try {
    if (first.faceId) {
      const selector =
        first.idKind === 'register_image_id' ? { registerImageId: first.faceId } : { faceId: first.faceId };
      // A capability, not a kind: a session without it fails the face for good, before anything is sent.
      if (!session.removeFace) return { kind: 'invalid', failure: NO_FACE_REMOVAL, answered: false };
      const { result } = await session.removeFace(first.nativeId, selector, closeSignal);
      return { kind: 'acknowledged', records: recordsOf([first], [result]) };
    }
    const ids = batch.items.map((i) => i.nativeId);
    const results = await session.removePeople(ids, first.idKind as RemovalIdKind, closeSignal);
    return { kind: 'acknowledged', records: recordsOf(batch.items, results) };
  } catch (error) {
    return classify(error, closeSignal);
  }
}
