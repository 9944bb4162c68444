import type { FaceRemovalResult, FaceSelector, FacesLeft } from '../capabilities.ts';
import { DriverError } from '../driver.ts';
import type { SophonApi } from './api.ts';
import { DeleteFaceSchema, readAnswer } from './answers.ts';
import { ID_NOT_FOUND, NumberedCodeError } from './errors.ts';
import { item, RAW_SUCCESS } from './items.ts';

export type { FaceRemovalResult, FaceSelector, FacesLeft } from '../capabilities.ts';

/** Reason given for a face the terminal still lists after deleting it. */
export const REASON_FACE_STILL_LISTED = 'The terminal still lists this face after deleting it.';

/**
 * Removes one face of a person with `deleteface`, by registration photo id (preferred) or face id. The answer
 * lists the faces left: the face gone from it is removed (evidence `answer`), still in it failed (evidence
 * `item-error`). An ID_NOT_FOUND answer (person or face unknown; the request names only them) is
 * already-absent (evidence `not-found`); named only by an integer code, it is unconfirmed (a read settles it).
 * Other answers throw as DriverErrors.
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
    // An integer code's name is a guess (NumberedCodeError): the engine's read settles the face instead.
    if (error instanceof NumberedCodeError) {
      const reason = `The terminal refused the face delete with an error code the app cannot name for sure (${error.numeric}).`;
      return { result: item(targetId, 'unconfirmed', null, error.rawCode, reason), facesLeft: null };
    }
    if (error instanceof DriverError && error.rawCode === ID_NOT_FOUND) {
      return { result: item(targetId, 'already-absent', 'not-found', ID_NOT_FOUND, null), facesLeft: null };
    }
    throw error;
  }
  const stillThere = (byImage ? facesLeft.registerImageIds : facesLeft.faceIds).includes(targetId);
  const result = stillThere
    ? item(targetId, 'failed', 'item-error', 'still_listed', REASON_FACE_STILL_LISTED)
    : item(targetId, 'removed', 'answer', RAW_SUCCESS, null);
  return { result, facesLeft };
}
