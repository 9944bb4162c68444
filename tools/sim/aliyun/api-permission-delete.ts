import type { AliyunErrorKey } from './errors.ts';
import { readParams, readString, readStringList } from './params.ts';
import type { ApiOutcome } from './respond.ts';
import { SCOPE_TYPES, USER_TYPES, type AliyunUserType, type PermissionStore } from './state.ts';
import type { TokenOwner } from './tokens.ts';

/** Path of "删除人脸权限" (remove faces from devices). */
export const PERMISSION_DELETE_PATH = '/face/paas/permission/delete';
/** The only published version of {@link PERMISSION_DELETE_PATH}. */
export const PERMISSION_DELETE_API_VER = '1.2.0';
/** Most user ids in one call: the platform's "identityIds need between 1-50" row. */
export const MAX_USER_IDS = 50;

/** An OA openId: letters, digits, "_" and "-", at most 64 (the platform's openIds look like this). */
const OPEN_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A mainland mobile number. */
const PHONE = /^1\d{10}$/;

/** The error row for a user the platform does not know, per user system. */
const UNKNOWN_USER: Record<AliyunUserType, AliyunErrorKey> = {
  IDENTITY: 'identityNotExist',
  OPEN: 'openIdNotFound',
  YUNDUN: 'employeeNotExist',
  PHONE: 'dingdingEmployeeNotExist',
};

/**
 * Platform variants where the vendor document is silent (PROTOCOLS.md §6), chosen per simulator:
 * - `batch-3000`: a delete naming at least one user without a face on the scope (none of the devices the
 *   scope ids name) answers 3000 "permission not exist" for the WHOLE request and deletes NOTHING, not even
 *   the faces of the other users it names. The default answers 3000 only when none of the named faces is
 *   there, and otherwise deletes what is there and answers 200.
 * - `refresh-revokes-old`: POST /cloud/token/refresh revokes the token it renewed (as Tuya's refresh does). The
 *   default keeps the renewed token valid until its own expiry: the documents say only that refresh renews
 *   "without" the revocation /cloud/token causes.
 */
export const ALIYUN_VARIANTS = ['batch-3000', 'refresh-revokes-old'] as const;

/** One platform variant (see {@link ALIYUN_VARIANTS}). */
export type AliyunVariant = (typeof ALIYUN_VARIANTS)[number];

/** Limits and variant of one call. */
export interface DeleteRules {
  /** Most scope ids in one call (no limit is documented; the simulator's knob). */
  maxScopeIds: number;
  /** The `batch-3000` variant is in force. */
  wholeBatch3000: boolean;
}

/**
 * POST /face/paas/permission/delete: removes the faces of `userIdList` (of `userType`) from the devices named
 * by `scopeIdList` (IOT_ID), or from every face device bound to those spaces (SPACE_ID). Success answers
 * `{"id","code":200,"message":null,"localizedMsg":null}` with no `data`, as the vendor example shows.
 *
 * The documents are silent on the rest; the simulator validates everything before it changes anything
 * (all or nothing), in this order: parameters; scopes (unknown → 3002 "resource not exist", another
 * project's → 403 "request forbidden."/"request forbidden" for cloudToken/iotToken callers); users (per
 * user system: 2405, 2407, 2442, or 460 "dingdingbind employee not exist" for an unknown phone). When none of
 * the named faces is on any of the devices the answer is 3000 "permission not exist", so a retry of a call
 * that already succeeded gets 3000: clients must treat it as "already removed". With the `batch-3000` variant
 * ({@link ALIYUN_VARIANTS}) one named user without a face there is enough for a 3000 that deletes nothing.
 */
export function deletePermissions(
  params: unknown,
  owner: TokenOwner,
  store: PermissionStore,
  rules: DeleteRules,
): ApiOutcome {
  const object = readParams(params);
  if (object.error) return { error: object.error };
  const userType = readString(object.value, 'userType', USER_TYPES);
  if (userType.error) return { error: userType.error };
  const type = userType.value as AliyunUserType;
  const users = readStringList(object.value, 'userIdList');
  if (users.error) return { error: users.error };
  if (users.value.length < 1 || users.value.length > MAX_USER_IDS) return { error: 'identityIdsRange' };
  const scopeType = readString(object.value, 'scopeType', SCOPE_TYPES);
  if (scopeType.error) return { error: scopeType.error };
  const scopes = readStringList(object.value, 'scopeIdList');
  if (scopes.error) return { error: scopes.error };
  if (scopes.value.length < 1 || scopes.value.length > rules.maxScopeIds) return { error: 'paramInvalid' };
  if (scopes.value.some((id) => id.trim() === '')) return { error: 'paramInvalid' };

  const userIds = [...new Set(users.value)];
  for (const userId of userIds) {
    const error = userFormatError(type, userId);
    if (error) return { error };
  }

  const bySpace = scopeType.value === 'SPACE_ID';
  const iotIds = new Set<string>();
  for (const scopeId of new Set(scopes.value)) {
    const project = bySpace ? store.spaceProject(scopeId) : store.deviceProject(scopeId);
    if (project === undefined) return { error: 'resourceNotExist' };
    if (project !== owner.projectId) return { error: owner.kind === 'cloud' ? 'forbiddenProject' : 'forbiddenUser' };
    for (const iotId of bySpace ? store.devicesInSpace(scopeId) : [scopeId]) iotIds.add(iotId);
  }
  for (const userId of userIds) {
    if (!store.hasUser({ userType: type, userId })) return { error: UNKNOWN_USER[type] };
  }

  const devices = [...iotIds];
  if (rules.wholeBatch3000 && userIds.some((userId) => !store.hasFaceOn({ userType: type, userId }, devices))) {
    return { error: 'permissionNotExist' };
  }
  const removed = store.remove(type, userIds, devices);
  if (removed.length === 0) return { error: 'permissionNotExist' };
  return { message: null, acknowledged: [...new Set(removed.map((p) => p.userId))] };
}

/** The error for a user id that cannot be one of its user system, if any. */
function userFormatError(type: AliyunUserType, userId: string): AliyunErrorKey | undefined {
  if (userId.trim() === '') return type === 'IDENTITY' ? 'identityIdBlank' : 'paramInvalid';
  if (type === 'OPEN' && !OPEN_ID.test(userId)) return 'openIdInvalid';
  if (type === 'PHONE' && !PHONE.test(userId)) return 'paramInvalid';
  return undefined;
}
