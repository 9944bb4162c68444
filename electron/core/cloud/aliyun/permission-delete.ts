import type { Evidence } from '../../../../shared/domain/removal.ts';
import { DriverError, type ItemResult } from '../../drivers/driver.ts';
import type { AliyunClient } from './client.ts';
import type { CodeMeaning } from './codes.ts';
import { vendorError } from './errors.ts';

// Removing faces from devices: POST /face/paas/permission/delete (apiVer 1.2.0).
//
// Granularity: one result per (userId, scopeId). Each request names ONE scope (a device by IOT_ID, or a space
// by SPACE_ID) and up to `batchSize` users, because the platform's delete is all-or-nothing per request: one
// unknown or foreign scope would otherwise fail every other scope in the list, and "permission not exist"
// (3000) proves absence at most for what the request named (for one user on one scope; see below). Results
// come scope by scope, users in input order within a scope (results[s * userIds.length + u]); duplicated ids
// get the same result.
//
// Rules (ARCHITECTURE.md, "Evidence": a whole-request answer is not an answer about each user):
// - 200 → removed for every user of the request (evidence `answer`): the request named exactly those users on
//   one scope and the delete is all-or-nothing, so none of those faces is on that scope any more. The platform
//   does not say which of them actually had a face there.
// - 3000 "permission not exist" proves absence only for a request naming ONE user: already-absent (evidence
//   `not-found`). A retry of a delete that was already applied answers 3000, so sending twice is harmless.
//   For a request naming several users its meaning is not documented (PROTOCOLS.md §6): a platform may answer
//   it for the whole request when only one user had no face there, and delete nothing. So it is split.
// - Splitting: any answer that is not a success for every user and is not about the scope or the request
//   as a whole (3000; a "user" code of codes.ts: an unknown user, a malformed id, too many ids) on a request
//   naming several users splits the batch in halves, recursively, down to single users, until each user has
//   an answer of its own; the others are still removed. A lone user keeps the code's outcome: 3000 →
//   already-absent, a user code → failed (evidence `item-error`). Cost: about 2·log2(batch) extra requests
//   per user without a face or with a bad id.
// - A "scope" code (3002 unknown device or space, 403 forbidden) fails every user of that scope (no evidence
//   about the users); the scope's remaining batches are not sent.
// - Anything else stops the run (it would fail every request the same way): network and transient errors
//   mark the unsent items `queued` (send again later), auth and request-level errors mark them `failed`.
// - Abort (signal) marks the in-flight and unsent items `cancelled`.
// - Blank user or scope ids fail locally, without a request (rawCode null, evidence `plan`).
// Every result carries its evidence (shared/domain/removal.ts), null where there is none.

/** Path of "删除人脸权限". */
export const PERMISSION_DELETE_PATH = '/face/paas/permission/delete';
/** API version of {@link PERMISSION_DELETE_PATH}. */
export const PERMISSION_DELETE_API_VER = '1.2.0';
/** Default users per request: the sibling batch face API caps lists at 10, so stay there. */
export const DEFAULT_BATCH_SIZE = 10;
/** Most users per request the platform accepts ("identityIds need between 1-50"). */
export const MAX_BATCH_SIZE = 50;

/** User systems of the face APIs; `userType` + `userId` identify one face image. */
export type AliyunUserType = 'IDENTITY' | 'OPEN' | 'YUNDUN' | 'PHONE';
/** What the scope ids name: devices (IOT_ID) or spaces, meaning every face device bound to them (SPACE_ID). */
export type AliyunScopeType = 'IOT_ID' | 'SPACE_ID';

/** What to remove from where. */
export interface FacePermissionDelete {
  userType: AliyunUserType;
  userIds: readonly string[];
  scopeType: AliyunScopeType;
  scopeIds: readonly string[];
  /** Users per request (a setting; default 10, clamped to 1..50). */
  batchSize?: number;
  signal?: AbortSignal;
}

/**
 * The result of one (user, scope) pair; `id` is the user id, `rawCode` the vendor code ("200", "3000"…).
 * Never `unconfirmed`: every outcome rests on an answer about that user, on the scope, or on no request at all.
 */
export interface FacePermissionResult extends ItemResult {
  userId: string;
  scopeId: string;
  /**
   * What decided the outcome: `answer` (a 200 to a request naming that user on that scope), `not-found` (a 3000
   * to a request naming only that user), `item-error` (a user code to a request naming only that user), `plan`
   * (a blank id, failed without a request); null without evidence (scope-wide refusals, queued, cancelled,
   * failed on a whole-request error).
   */
  evidence: Evidence | null;
  /** Sending it again later may succeed (queued items, transient failures). */
  retryable: boolean;
}

/** One user's result within one scope; `scopeWide` when the answer concerned the scope, not the users. */
export interface Settled extends Pick<
  FacePermissionResult,
  'outcome' | 'evidence' | 'rawCode' | 'reason' | 'retryable'
> {
  scopeWide?: boolean;
}

/** Whether an answer is a success for every user the request named (200: the delete is all-or-nothing). */
function successForEach(meaning: CodeMeaning): boolean {
  return meaning.level === 'done' && meaning.outcome === 'removed';
}

/** The evidence an answer to a request naming only this user (or, for 200, exactly these users) gives. */
function evidenceOf(meaning: CodeMeaning): Evidence | null {
  if (meaning.level === 'scope' || meaning.level === 'request') return null;
  if (meaning.outcome === 'removed') return 'answer';
  return meaning.outcome === 'already-absent' ? 'not-found' : 'item-error';
}

function fromMeaning(meaning: CodeMeaning, code: number): Settled {
  const reason = meaning.outcome === 'removed' ? null : meaning.message;
  const settled: Settled = {
    outcome: meaning.outcome,
    evidence: evidenceOf(meaning),
    rawCode: String(code),
    reason,
    retryable: meaning.retryable,
  };
  return meaning.level === 'scope' ? { ...settled, scopeWide: true } : settled;
}

function fromError(error: unknown, signal: AbortSignal | undefined): Settled {
  if (signal?.aborted) {
    const reason =
      'Cancelled. If the request was already on its way it may have been applied; sending again is harmless.';
    return { outcome: 'cancelled', evidence: null, rawCode: null, reason, retryable: true };
  }
  if (error instanceof DriverError) {
    const queued = error.kind === 'offline' || error.kind === 'retryable';
    const outcome = queued ? 'queued' : 'failed';
    return { outcome, evidence: null, rawCode: error.rawCode, reason: error.message, retryable: queued };
  }
  const text = error instanceof Error ? error.message : String(error);
  const reason = `The request failed unexpectedly: ${text}`;
  return { outcome: 'queued', evidence: null, rawCode: null, reason, retryable: true };
}

/** The parameters of one scope's delete. */
export interface PermissionBatch {
  userType: AliyunUserType;
  /** 1..50 distinct, non-blank ids. */
  userIds: readonly string[];
  scopeType: AliyunScopeType;
  scopeId: string;
}

/**
 * Deletes one batch of users from one scope, splitting every answer that is not a success for each user (3000,
 * "user" codes) until each user has an answer of its own (see the rules above). Settled ids are written to
 * `settled` as soon as they are known, so a caller still has them when a later half throws.
 * Throws AliyunError when a request as a whole failed (network, auth, transient, request-level codes).
 */
export async function deletePermissionBatch(
  client: AliyunClient,
  batch: PermissionBatch,
  settled: Map<string, Settled> = new Map(),
  signal?: AbortSignal,
): Promise<Map<string, Settled>> {
  const { userType, scopeType, scopeId } = batch;
  const settle = async (ids: readonly string[]): Promise<void> => {
    const params = { userType, userIdList: ids, scopeType, scopeIdList: [scopeId] };
    const answer = await client.call(PERMISSION_DELETE_PATH, PERMISSION_DELETE_API_VER, params, signal);
    const { meaning } = answer;
    if (meaning.level === 'request') throw vendorError(meaning, answer.status, answer.requestId);
    if (ids.length > 1 && meaning.level !== 'scope' && !successForEach(meaning)) {
      // A whole-request answer is not an answer about each user: split until each has its own.
      const half = Math.ceil(ids.length / 2);
      await settle(ids.slice(0, half));
      await settle(ids.slice(half));
      return;
    }
    const item = fromMeaning(meaning, answer.code);
    for (const id of ids) settled.set(id, item);
  };
  if (batch.userIds.length > 0) await settle(batch.userIds);
  return settled;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const BLANK_USER: Settled = {
  outcome: 'failed',
  evidence: 'plan',
  rawCode: null,
  reason: 'The user id is empty. Fix the list: every person needs an id.',
  retryable: false,
};
const NOT_SENT: Settled = {
  outcome: 'queued',
  evidence: null,
  rawCode: null,
  reason: 'Not sent yet.',
  retryable: true,
};
const BLANK_SCOPE: Settled = {
  outcome: 'failed',
  evidence: 'plan',
  rawCode: null,
  reason: 'The device or space id is empty. Check the IOT_ID or SPACE_ID.',
  retryable: false,
};

/**
 * Removes the faces of `userIds` from every scope of `scopeIds`: one result per (userId, scopeId), scope by
 * scope, users in input order. Never throws for a failed request: failures become item outcomes (see the
 * rules at the top of this file).
 */
export async function deleteFacePermissions(
  client: AliyunClient,
  request: FacePermissionDelete,
): Promise<FacePermissionResult[]> {
  const { userType, scopeType, signal } = request;
  const size = Math.min(MAX_BATCH_SIZE, Math.max(1, Math.floor(request.batchSize ?? DEFAULT_BATCH_SIZE)));
  const users = [...new Set(request.userIds.filter((id) => id.trim() !== ''))];
  const byScope = new Map<string, Map<string, Settled>>();
  let stop: Settled | null = null;

  for (const scopeId of new Set(request.scopeIds)) {
    const settled = new Map<string, Settled>();
    byScope.set(scopeId, settled);
    if (scopeId.trim() === '') continue;
    let scopeFailure: Settled | null = null;
    for (const batch of chunks(users, size)) {
      if (signal?.aborted) stop = fromError(signal.reason, signal);
      const known = stop ?? scopeFailure;
      if (known) {
        for (const id of batch) settled.set(id, known);
        continue;
      }
      try {
        await deletePermissionBatch(client, { userType, userIds: batch, scopeType, scopeId }, settled, signal);
        scopeFailure = batch.map((id) => settled.get(id)).find((item) => item?.scopeWide) ?? null;
      } catch (error) {
        stop = fromError(error, signal);
        for (const id of batch) if (!settled.has(id)) settled.set(id, stop);
      }
    }
  }

  const results: FacePermissionResult[] = [];
  for (const scopeId of request.scopeIds) {
    const settled = byScope.get(scopeId);
    for (const userId of request.userIds) {
      const blank = scopeId.trim() === '' ? BLANK_SCOPE : userId.trim() === '' ? BLANK_USER : undefined;
      const { outcome, evidence, rawCode, reason, retryable } = blank ?? settled?.get(userId) ?? stop ?? NOT_SENT;
      results.push({ id: userId, userId, scopeId, outcome, evidence, rawCode, reason, retryable });
    }
  }
  return results;
}
