import { USER_TYPES } from './constants.ts';
import type { SophonIdentity, SophonPermission } from './store.ts';

/** A person as getidentity, updateidentity and getidentities answer it. */
export interface IdentityView {
  identity_id: string;
  identity_name: string;
  /** A name ("employee"), or its number under the `numeric-values` variant (see {@link identityView}). */
  user_type: string | number | null;
  permission_ids: string[] | null;
  ext_user_info: Record<string, unknown> | null;
  face_ids: string[];
  register_image_ids: string[];
}

/** The faces of a person as addface, replaceface and deleteface answer them (after the change). */
export interface FacesView {
  identity_id: string;
  total_face_cnt: number;
  face_ids: string[];
  register_image_ids: string[];
}

/** A permission group as the permission operations answer it. */
export interface PermissionView {
  permission_id: string;
  permission_name: string;
  description: string;
}

/** Paging block of the list operations. */
export interface PaginationView {
  page_index: number;
  page_limit: number;
  total_count: number;
}

/**
 * Projects a person to its JSON answer (copies, so later changes do not leak into sent answers).
 * `numeric` (firmware variant `numeric-values`) answers numbers where the vendor examples show strings, in
 * fields the app does not use: `user_type` as its 1-based position in {@link USER_TYPES} (employee 1,
 * visitor 2, ...; the vendor sample gives a person `"type": 1`), the same number as `type` inside
 * `ext_user_info`, and a digits-only `visit_card_number` as a number.
 */
export function identityView(identity: SophonIdentity, variants: readonly string[] = []): IdentityView {
  const view = typedIdentityView(identity, variants.includes('numeric-values'));
  // `null-values`: nulls where the examples show values, in fields the app does not use.
  return variants.includes('null-values')
    ? { ...view, user_type: null, ext_user_info: null, permission_ids: null }
    : view;
}

/** {@link identityView} without the `null-values` variant. */
function typedIdentityView(identity: SophonIdentity, numeric: boolean): IdentityView {
  const view: IdentityView = {
    identity_id: identity.identityId,
    identity_name: identity.identityName,
    user_type: identity.userType,
    permission_ids: [...identity.permissionIds],
    ext_user_info: structuredClone(identity.extUserInfo),
    face_ids: identity.faces.map((face) => face.faceId),
    register_image_ids: identity.faces.map((face) => face.registerImageId),
  };
  if (!numeric) return view;
  const typeNumber = USER_TYPES.indexOf(identity.userType) + 1;
  const card = view.ext_user_info?.visit_card_number;
  return {
    ...view,
    user_type: typeNumber,
    ext_user_info: {
      ...(view.ext_user_info ?? {}),
      type: typeNumber,
      ...(typeof card === 'string' && /^\d{1,15}$/.test(card) ? { visit_card_number: Number(card) } : {}),
    },
  };
}

/** Projects the faces of a person. */
export function facesView(identity: SophonIdentity): FacesView {
  return {
    identity_id: identity.identityId,
    total_face_cnt: identity.faces.length,
    face_ids: identity.faces.map((face) => face.faceId),
    register_image_ids: identity.faces.map((face) => face.registerImageId),
  };
}

/** Projects a permission group. */
export function permissionView(permission: SophonPermission): PermissionView {
  return {
    description: permission.description,
    permission_id: permission.permissionId,
    permission_name: permission.permissionName,
  };
}
