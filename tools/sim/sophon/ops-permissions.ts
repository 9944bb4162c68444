import { type Body, invalid, optionalString, requiredString } from './args.ts';
import { SophonError } from './errors.ts';
import type { OpTable } from './op-types.ts';
import { fuzzyIncludes, readPaging, takePage } from './paging.ts';
import type { SophonPermission, SophonStore } from './store.ts';
import { permissionView } from './views.ts';

/**
 * Finds the group named by `permission_id` or `permission_name` (one of the two is required). When both are
 * given, `preferName` decides: deletepermission documents that the name wins; getpermission and
 * updatepermission are silent and the simulator lets the id win there.
 */
function findPermission(body: Body, store: SophonStore, preferName: boolean): SophonPermission {
  const id = optionalString(body, 'permission_id');
  const name = optionalString(body, 'permission_name');
  if (id === undefined && name === undefined)
    throw new SophonError('MISSING_ARGUMENTS', 'permission_id|permission_name');
  const byName = name !== undefined && (preferName || id === undefined);
  const found = byName ? store.permissionByName(name) : store.permissions.get(id as string);
  if (!found) throw new SophonError('ID_NOT_FOUND', byName ? name : id);
  return found;
}

/** A group name must be non-empty ("不可为空") and unique among other groups. */
function checkName(store: SophonStore, field: string, name: string, self?: SophonPermission): void {
  if (name === '') throw invalid(field, name);
  const holder = store.permissionByName(name);
  if (holder && holder !== self) throw new SophonError('NAME_REPEAT_ERROR', name);
}

/**
 * Permission groups (sets of people a camera compares against):
 * - `createpermission` `{permission_name, permission_id?, description?}`: id absent or "" → a short UUID;
 *   an existing id is ID_REPEAT_ERROR, an existing name NAME_REPEAT_ERROR. Answers the group.
 * - `getpermission` `{permission_id | permission_name}` → the group.
 * - `getpermissions` `{permission_name?, page_limit?, page_index?}`: fuzzy name filter, pages from 0
 *   (defaults 10 and 0, like getidentities) → `{permissions, pagination}`.
 * - `updatepermission` `{permission_id | permission_name, new_name?, new_description?}` → the group.
 * - `deletepermission` `{permission_name | permission_id}` → `{permission_id}` (the vendor table promises
 *   the deleted id; its example shows `{}`). Every person bound to the group is unbound.
 */
export const permissionOps: OpTable = {
  createpermission({ body, store }) {
    const name = requiredString(body, 'permission_name');
    const requestedId = optionalString(body, 'permission_id');
    const description = optionalString(body, 'description') ?? '';
    checkName(store, 'permission_name', name);
    const permissionId = requestedId === undefined || requestedId === '' ? store.newPermissionId() : requestedId;
    if (store.permissions.has(permissionId)) throw new SophonError('ID_REPEAT_ERROR', permissionId);
    const permission = { permissionId, permissionName: name, description };
    store.permissions.set(permissionId, permission);
    return { body: permissionView(permission) };
  },

  getpermission({ body, store }) {
    return { body: permissionView(findPermission(body, store, false)) };
  },

  getpermissions({ body, store, knobs }) {
    const name = optionalString(body, 'permission_name');
    const paging = readPaging(body);
    const matching = [...store.permissions.values()].filter(
      (permission) => name === undefined || fuzzyIncludes(permission.permissionName, name),
    );
    const { page, pagination } = takePage(matching, paging, knobs.pageCap);
    return { body: { permissions: page.map(permissionView), pagination } };
  },

  updatepermission({ body, store }) {
    const newName = optionalString(body, 'new_name');
    const newDescription = optionalString(body, 'new_description');
    const permission = findPermission(body, store, false);
    if (newName !== undefined) checkName(store, 'new_name', newName, permission);
    if (newName !== undefined) permission.permissionName = newName;
    if (newDescription !== undefined) permission.description = newDescription;
    return { body: permissionView(permission) };
  },

  deletepermission({ body, store }) {
    const permission = findPermission(body, store, true);
    store.deletePermission(permission.permissionId);
    return { body: { permission_id: permission.permissionId }, acknowledged: [permission.permissionId] };
  },
};
