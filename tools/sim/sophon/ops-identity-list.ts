import { sleep } from '../common/http.ts';
import type { Knobs } from '../common/knobs.ts';
import { invalid, isMissing, optionalObject, optionalString, optionalStringList } from './args.ts';
import { MAX_IDENTITY_ID_LENGTH } from './constants.ts';
import { SophonError } from './errors.ts';
import type { OpTable } from './op-types.ts';
import type { SophonStore } from './store.ts';
import { fuzzyIncludes, readPaging, takePage } from './paging.ts';
import { identityView } from './views.ts';

/**
 * Bulk person operations:
 * - `getidentities` `{filters: {permission_id_list, identity_name, identity_id}, page_limit, page_index}`:
 *   every filter optional; `permission_id_list` keeps people bound to any listed group (an unknown group id
 *   is ID_NOT_FOUND), `identity_name` is a fuzzy (substring) match, `identity_id` an exact match. Pages count
 *   from 0 in insertion order. Costs `perItemLatencyMs` per person returned.
 * - `deleteidentities` `{identity_ids}`: ids are deleted one by one, each costing `perItemLatencyMs` (paced
 *   against the request's start, so late timers do not add up). A client that gives up early does not stop
 *   the device: it finishes the list and the answer is lost, as on a real box. Unknown ids go to
 *   `failed_identity_ids`.
 *   The device walks the list naively: an id given twice is deleted the first time and fails the second
 *   time, so it appears in both lists. An empty list is INVALID_ARGUMENTS ([] is a value, not a missing
 *   argument, by the vendor's "None才为空" convention); more than `knobs.maxIdsPerRequest` ids is
 *   INVALID_ARGUMENTS and deletes nothing.
 *   Firmware variants check the whole batch first and refuse it AS A WHOLE, deleting nothing:
 *   `batch-invalid` answers INVALID_ARGUMENTS naming the first id that is not valid (empty, or longer than
 *   {@link MAX_IDENTITY_ID_LENGTH} characters); `batch-not-found` answers ID_NOT_FOUND naming the first
 *   unknown id. With both, validity is checked first.
 * `getidentities` honours the `pageCap` knob: a silent per-page limit (paging.ts).
 * Under the `numeric-values` variant person answers carry numbers in fields the app does not use (views.ts).
 */
export const identityListOps: OpTable = {
  async getidentities({ body, store, knobs }) {
    const filters = optionalObject(body, 'filters') ?? {};
    const permissionIds = optionalStringList(filters, 'permission_id_list') ?? [];
    const name = optionalString(filters, 'identity_name');
    const identityId = optionalString(filters, 'identity_id');
    const paging = readPaging(body);
    store.requirePermissions(permissionIds);

    const matching = [...store.identities.values()].filter(
      (identity) =>
        (identityId === undefined || identity.identityId === identityId) &&
        (name === undefined || fuzzyIncludes(identity.identityName, name)) &&
        (permissionIds.length === 0 || identity.permissionIds.some((id) => permissionIds.includes(id))),
    );
    const { page, pagination } = takePage(matching, paging, knobs.pageCap);
    await sleep(knobs.perItemLatencyMs * page.length);
    return { body: { identities: page.map((identity) => identityView(identity, knobs.variants)), pagination } };
  },

  async deleteidentities({ body, store, knobs }) {
    if (isMissing(body, 'identity_ids')) throw new SophonError('MISSING_ARGUMENTS', 'identity_ids');
    const ids = optionalStringList(body, 'identity_ids') as string[];
    if (ids.length === 0) throw invalid('identity_ids', ids);
    if (ids.length > knobs.maxIdsPerRequest) {
      throw invalid('identity_ids', `${ids.length} ids, at most ${knobs.maxIdsPerRequest}`);
    }
    refuseWholeBatch(ids, store, knobs);
    const succeeded: string[] = [];
    const failed: string[] = [];
    // Each id is done `perItemLatencyMs` after the previous one's deadline, not after its timer fired: a
    // timer fires late (a millisecond or more on a busy machine), and 100 late timers would make the
    // device slower than its knob says.
    const started = performance.now();
    for (const [index, id] of ids.entries()) {
      await sleep(started + (index + 1) * knobs.perItemLatencyMs - performance.now());
      (store.deleteIdentity(id) ? succeeded : failed).push(id);
    }
    return { body: { success_identity_ids: succeeded, failed_identity_ids: failed }, acknowledged: succeeded };
  },
};

/** The whole-batch refusals of the `batch-invalid` and `batch-not-found` variants (nothing is deleted). */
function refuseWholeBatch(ids: readonly string[], store: SophonStore, knobs: Knobs): void {
  if (knobs.variants.includes('batch-invalid')) {
    const bad = ids.find((id) => id.length === 0 || id.length > MAX_IDENTITY_ID_LENGTH);
    if (bad !== undefined) throw invalid('identity_ids', bad);
  }
  if (knobs.variants.includes('batch-not-found')) {
    const unknown = ids.find((id) => !store.identities.has(id));
    if (unknown !== undefined) throw new SophonError('ID_NOT_FOUND', unknown);
  }
}
