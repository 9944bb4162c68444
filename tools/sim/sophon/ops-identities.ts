import {
  type Body,
  optionalBool,
  optionalEnum,
  optionalObject,
  optionalString,
  optionalStringList,
  requiredString,
} from './args.ts';
import { DEFAULT_IDENTITY_NAME, FIQA_LEVELS, USER_TYPES } from './constants.ts';
import { SophonError } from './errors.ts';
import { acceptFace, pickFaceSource } from './image.ts';
import type { OpTable } from './op-types.ts';
import type { UserType } from './store.ts';
import { identityView } from './views.ts';

/** The person fields createidentity and updateidentity take, with the documented defaults applied. */
interface IdentityFields {
  identityName: string;
  userType: UserType;
  permissionIds: string[];
  extUserInfo: Record<string, unknown>;
}

function readIdentityFields(body: Body): IdentityFields {
  return {
    identityName: optionalString(body, 'identity_name') ?? DEFAULT_IDENTITY_NAME,
    userType: optionalEnum(body, 'user_type', USER_TYPES) ?? 'employee',
    permissionIds: [...new Set(optionalStringList(body, 'permission_ids') ?? [])],
    extUserInfo: structuredClone(optionalObject(body, 'ext_user_info') ?? {}),
  };
}

/**
 * Person operations:
 * - `createidentity`: `identity_id` optional (absent or "" → the device generates a UUID); one face source
 *   required (register_feature | register_image | register_image_path). Order of checks: arguments, then
 *   ID_REPEAT_ERROR (unless `force_replace`, which replaces the whole person), then GROUP_LEN_ERROR when the
 *   person database already holds `knobs.capacity` people, then the photo. Answers
 *   `{face_id, identity_id, register_image_id}`. A feature registration gets a register_image_id too (the
 *   device stores a placeholder), so face_ids and register_image_ids stay one to one.
 * - `getidentity` `{identity_id}` → the person, or ID_NOT_FOUND.
 * - `updateidentity`: the vendor warns "该api会对相应字段做强制更新覆盖" and lists defaults for every optional
 *   field. The simulator takes the strict reading: a field left out is reset to its documented default
 *   (identity_name "佚名", user_type "employee", permission_ids [], ext_user_info {}), so a client must send
 *   the whole person. Faces are untouched. Answers the updated person.
 * Unknown permission ids in `permission_ids` are ID_NOT_FOUND naming the id. Under the `numeric-values`
 * variant person answers carry numbers in fields the app does not use (views.ts).
 */
export const identityOps: OpTable = {
  createidentity({ body, store, knobs }) {
    const requestedId = optionalString(body, 'identity_id');
    const fields = readIdentityFields(body);
    const fiqaLevel = optionalEnum(body, 'fiqa_level', FIQA_LEVELS) ?? 'high';
    const forceReplace = optionalBool(body, 'force_replace') ?? false;
    const pending = pickFaceSource(body);
    store.requirePermissions(fields.permissionIds);

    const identityId = requestedId === undefined || requestedId === '' ? store.newIdentityId() : requestedId;
    const existing = store.identities.get(identityId);
    if (existing && !forceReplace) throw new SophonError('ID_REPEAT_ERROR', identityId);
    if (!existing && store.identities.size >= knobs.capacity) {
      throw new SophonError('GROUP_LEN_ERROR', `${store.identities.size}/${knobs.capacity}`);
    }
    acceptFace(pending, fiqaLevel);

    const face = store.newFace();
    // A replaced person keeps its place in the list (Map.set on an existing key).
    store.identities.set(identityId, { identityId, ...fields, faces: [face] });
    return { body: { face_id: face.faceId, identity_id: identityId, register_image_id: face.registerImageId } };
  },

  getidentity({ body, store, knobs }) {
    const identity = store.requireIdentity(requiredString(body, 'identity_id'));
    return { body: identityView(identity, knobs.variants) };
  },

  updateidentity({ body, store, knobs }) {
    const identityId = requiredString(body, 'identity_id');
    const fields = readIdentityFields(body);
    const identity = store.requireIdentity(identityId);
    store.requirePermissions(fields.permissionIds);
    Object.assign(identity, fields);
    return { body: identityView(identity, knobs.variants) };
  },
};
