import { DriverError, type ItemResult } from '../driver.ts';
import type { SophonApi } from './api.ts';
import { DeleteFaceSchema, DeleteIdentitiesSchema, IdentitiesPageSchema, readAnswer } from './answers.ts';
import { ID_NOT_FOUND } from './errors.ts';

/** Raw code of a person the terminal reported as deleted. */
export const RAW_SUCCESS = 'success';
/** Raw code of a person the terminal listed in `failed_identity_ids`. */
export const RAW_FAILED = 'failed_identity_ids';
/** Reason given for an id the terminal left out of both answer lists. */
export const REASON_NOT_REPORTED = 'The terminal did not report this id.';
/** Reason given for a person the terminal could not delete and still holds. */
export const REASON_STILL_PRESENT = 'The terminal could not delete this person; it is still stored.';

/** Which face to remove: by face id or by registration photo id (the photo id wins when both are given). */
export type FaceSelector = { faceId: string } | { registerImageId: string };

/** The faces a person still has after a face removal. */
export interface FacesLeft {
  faceIds: string[];
  registerImageIds: string[];
  total: number;
}

/** The outcome of a face removal: the item result (id = the face or photo id) and the faces left, when known. */
export interface FaceRemovalResult {
  result: ItemResult;
  /** Null when the person or the face was already absent. */
  facesLeft: FacesLeft | null;
}

/**
 * Deletes people with ONE `deleteidentities` call and answers one result per input id, in input order.
 * Ids the terminal lists as failed are confirmed with one `getidentities` read each: absent means
 * already-absent (the device does not say why it failed; a missing id is the usual reason), present means
 * failed. A whole-request ID_NOT_FOUND answer makes every id already-absent.
 */
export async function removeIdentities(
  api: SophonApi,
  ids: readonly string[],
  signal: AbortSignal | undefined,
): Promise<ItemResult[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  let answer: { success: string[]; failed: string[] };
  try {
    const json = await api.call('deleteidentities', { identity_ids: unique }, signal);
    answer = readAnswer(DeleteIdentitiesSchema, json, 'deleteidentities');
  } catch (error) {
    if (error instanceof DriverError && error.rawCode === ID_NOT_FOUND) {
      return ids.map((id) => item(id, 'already-absent', ID_NOT_FOUND, null));
    }
    throw error;
  }
  const success = new Set(answer.success);
  const failed = new Set(answer.failed);
  const byId = new Map<string, ItemResult>();
  for (const id of unique) {
    if (success.has(id)) byId.set(id, item(id, 'removed', RAW_SUCCESS, null));
    else if (failed.has(id)) byId.set(id, await confirmFailed(api, id, signal));
    else byId.set(id, item(id, 'failed', null, REASON_NOT_REPORTED));
  }
  return ids.map((id) => byId.get(id) as ItemResult);
}

/** Classifies an id the terminal failed to delete: already-absent when a read no longer finds it. */
async function confirmFailed(api: SophonApi, id: string, signal: AbortSignal | undefined): Promise<ItemResult> {
  let present: boolean | undefined;
  try {
    present = await isPresent(api, id, signal);
  } catch (error) {
    if (!(error instanceof DriverError)) throw error; // aborted: the caller asked to stop
    return item(id, 'failed', RAW_FAILED, `The terminal could not delete this person (check failed: ${error.message})`);
  }
  if (present === false) return item(id, 'already-absent', ID_NOT_FOUND, null);
  if (present === true) return item(id, 'failed', RAW_FAILED, REASON_STILL_PRESENT);
  return item(id, 'failed', RAW_FAILED, 'The terminal could not delete this person and did not say why.');
}

/**
 * Whether the terminal still holds `id`, read with a `getidentities` filter. Undefined when the read cannot
 * tell (the filter matched more people than one page shows and none of them is `id`).
 */
async function isPresent(api: SophonApi, id: string, signal: AbortSignal | undefined): Promise<boolean | undefined> {
  const limit = 10;
  let json: Record<string, unknown>;
  try {
    json = await api.call('getidentities', { filters: { identity_id: id }, page_limit: limit, page_index: 0 }, signal);
  } catch (error) {
    if (error instanceof DriverError && error.rawCode === ID_NOT_FOUND) return false;
    throw error;
  }
  const page = readAnswer(IdentitiesPageSchema, json, 'getidentities');
  if (page.identities.some((identity) => identity.identity_id === id)) return true;
  return page.pagination.total_count <= page.identities.length ? false : undefined;
}

/**
 * Removes one face of a person with `deleteface`, by registration photo id (preferred) or face id. An
 * ID_NOT_FOUND answer (person or face unknown) is already-absent. A face still listed afterwards is failed.
 */
export async function removeFace(
  api: SophonApi,
  identityId: string,
  selector: FaceSelector,
  signal: AbortSignal | undefined,
): Promise<FaceRemovalResult> {
  const byImage = 'registerImageId' in selector && typeof selector.registerImageId === 'string';
  const targetId = byImage ? selector.registerImageId : (selector as { faceId: string }).faceId;
  if (typeof identityId !== 'string' || identityId === '' || typeof targetId !== 'string' || targetId === '') {
    throw new DriverError('invalid', 'A face removal needs an identity id and a face id or register image id.');
  }
  const body = byImage
    ? { identity_id: identityId, register_image_id: targetId }
    : { identity_id: identityId, face_id: targetId };
  let facesLeft: FacesLeft;
  try {
    facesLeft = readAnswer(DeleteFaceSchema, await api.call('deleteface', body, signal), 'deleteface');
  } catch (error) {
    if (error instanceof DriverError && error.rawCode === ID_NOT_FOUND) {
      return { result: item(targetId, 'already-absent', ID_NOT_FOUND, null), facesLeft: null };
    }
    throw error;
  }
  const stillThere = (byImage ? facesLeft.registerImageIds : facesLeft.faceIds).includes(targetId);
  const result = stillThere
    ? item(targetId, 'failed', 'still_listed', 'The terminal still lists this face after deleting it.')
    : item(targetId, 'removed', RAW_SUCCESS, null);
  return { result, facesLeft };
}

function item(id: string, outcome: ItemResult['outcome'], rawCode: string | null, reason: string | null): ItemResult {
  return { id, outcome, rawCode, reason };
}
