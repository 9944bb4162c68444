import { invalid, optionalEnum, optionalInt, optionalString, requiredString } from './args.ts';
import { FIQA_LEVELS } from './constants.ts';
import { SophonError } from './errors.ts';
import { acceptFace, pickFaceSource } from './image.ts';
import type { OpTable } from './op-types.ts';
import type { SophonIdentity } from './store.ts';
import { facesView } from './views.ts';

/** Position of a face chosen by `register_image_id` (wins) or `face_id`; ID_NOT_FOUND when not this person's. */
function findFace(identity: SophonIdentity, registerImageId: string | undefined, faceId: string | undefined): number {
  const index =
    registerImageId !== undefined
      ? identity.faces.findIndex((face) => face.registerImageId === registerImageId)
      : identity.faces.findIndex((face) => face.faceId === faceId);
  if (index < 0) throw new SophonError('ID_NOT_FOUND', registerImageId ?? faceId);
  return index;
}

/**
 * Face operations; each answers the person's faces after the change:
 * `{identity_id, total_face_cnt, face_ids, register_image_ids}`.
 * - `addface` `{identity_id, register_feature | register_image | register_image_path, fiqa_level}`: the new
 *   face goes to the end.
 * - `replaceface` `{identity_id, register_image_index | register_image_id | face_id, <face source>}`: the
 *   face keeps its position and gets new ids. The documents give no priority among the three selectors;
 *   the simulator takes them in documented order (index, then register_image_id, then face_id). An index
 *   past the last face is INVALID_ARGUMENTS.
 * - `deleteface` `{identity_id, register_image_id | face_id}`: register_image_id wins when both are given
 *   (vendor document). Deleting the last face is allowed and leaves `total_face_cnt` 0.
 * An unknown person, face or photo id is ID_NOT_FOUND naming the id.
 */
export const faceOps: OpTable = {
  addface({ body, store }) {
    const identityId = requiredString(body, 'identity_id');
    const fiqaLevel = optionalEnum(body, 'fiqa_level', FIQA_LEVELS) ?? 'high';
    const pending = pickFaceSource(body);
    const identity = store.requireIdentity(identityId);
    acceptFace(pending, fiqaLevel);
    identity.faces.push(store.newFace());
    return { body: facesView(identity) };
  },

  replaceface({ body, store }) {
    const identityId = requiredString(body, 'identity_id');
    const imageIndex = optionalInt(body, 'register_image_index', 0, Number.MAX_SAFE_INTEGER);
    const registerImageId = optionalString(body, 'register_image_id');
    const faceId = optionalString(body, 'face_id');
    if (imageIndex === undefined && registerImageId === undefined && faceId === undefined) {
      throw new SophonError('MISSING_ARGUMENTS', 'register_image_index|register_image_id|face_id');
    }
    const fiqaLevel = optionalEnum(body, 'fiqa_level', FIQA_LEVELS) ?? 'high';
    const pending = pickFaceSource(body);
    const identity = store.requireIdentity(identityId);
    let position: number;
    if (imageIndex !== undefined) {
      if (imageIndex >= identity.faces.length) throw invalid('register_image_index', imageIndex);
      position = imageIndex;
    } else {
      position = findFace(identity, registerImageId, faceId);
    }
    acceptFace(pending, fiqaLevel);
    identity.faces[position] = store.newFace();
    return { body: facesView(identity) };
  },

  deleteface({ body, store }) {
    const identityId = requiredString(body, 'identity_id');
    const registerImageId = optionalString(body, 'register_image_id');
    const faceId = optionalString(body, 'face_id');
    if (registerImageId === undefined && faceId === undefined) {
      throw new SophonError('MISSING_ARGUMENTS', 'register_image_id|face_id');
    }
    const identity = store.requireIdentity(identityId);
    const [removed] = identity.faces.splice(findFace(identity, registerImageId, faceId), 1);
    return { body: facesView(identity), acknowledged: removed ? [removed.faceId] : [] };
  },
};
