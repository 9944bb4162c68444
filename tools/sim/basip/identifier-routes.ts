import { BasipError, WRONG_JSON_BODY } from './errors.ts';
import type { PanelAnswer, RouteContext } from './panel.ts';
import { requireSession } from './session-routes.ts';
import { parseJsonObject, parseLinkIds, parseLinkItems, parseUidItems } from './validate.ts';
import { withNullLinkIds } from './variants.ts';

export { listIdentifiers } from './list-route.ts';

/**
 * `list-400`: a delete naming any id the panel does not hold is refused AS A WHOLE with 400 "Wrong JSON
 * body" (as a firmware that validates every id before deleting would), and nothing is deleted.
 */
function refuseUnknown(ctx: RouteContext, anyUnknown: () => boolean): void {
  if (ctx.state.knobs.has('list-400') && anyUnknown()) throw new BasipError(WRONG_JSON_BODY);
}

/**
 * `DELETE /api/v1/access/identifier/items` with `{"uid_items": [uid, ...]}`. The vendor documents no answer
 * body: by default (`uid-delete-empty`) we answer 200 with an EMPTY body (no content type), unknown uids are
 * skipped silently (as an SQL `DELETE ... WHERE uid IN (...)` would), so clients must list again to confirm.
 * `uid-delete-result` answers `{"result": [{"identifier_uid", "success", "extended_info": "deleted" |
 * "entity_not_found"}]}`, one entry per uid in request order; `list-400` refuses a request naming an unknown uid.
 */
export function deleteByUids(ctx: RouteContext): PanelAnswer {
  requireSession(ctx, true);
  const { state } = ctx;
  const body = parseJsonObject(ctx.request.contentType, ctx.request.rawBody);
  const uids = parseUidItems(body, state.knobs.get().maxIdsPerRequest);
  refuseUnknown(ctx, () => uids.some((uid) => !state.store.hasUid(uid)));
  const result = state.store.deleteByUids(uids);
  const acknowledged = result.filter((r) => r.success).map((r) => String(r.identifier_uid));
  if (!state.knobs.has('uid-delete-result')) return { status: 200, items: uids.length, acknowledged };
  return { status: 200, items: uids.length, acknowledged, body: { result } };
}

/**
 * `POST /api/v1/access/identifier/items/link` with `{"list_items": [{..., "link_id"}]}`: create or update by
 * link id → `{"result": [{"link_id", "success", "extended_info"}]}`, one entry per item in order
 * (`created`, `updated`, `number_taken_by_another_identifier`, `number_of_identifiers_exceeded` beyond
 * knobs.capacity identifiers, `bad_base_64_image_file` / `face_has_not_recognized` for a bad `face_image`).
 * `link-id-null` answers `link_id: null` in every entry.
 */
export function upsertByLinks(ctx: RouteContext): PanelAnswer {
  requireSession(ctx, true);
  const knobs = ctx.state.knobs.get();
  const body = parseJsonObject(ctx.request.contentType, ctx.request.rawBody);
  const items = parseLinkItems(body, knobs.maxIdsPerRequest);
  const result = ctx.state.store.upsertByLinks(items, knobs.capacity);
  return {
    status: 200,
    items: items.length,
    body: { result: ctx.state.knobs.has('link-id-null') ? withNullLinkIds(result) : result },
  };
}

/**
 * `DELETE /api/v1/access/identifier/items/link` (and the older Android-panel `POST
 * /api/v1/access/identifiers/link/delete`) with `{"link_ids": [uuid, ...]}` →
 * `{"result": [{"link_id", "success": true, "extended_info": "deleted"} |
 * {"link_id", "success": false, "extended_info": "entity_not_found"}]}`, one entry per id in request order.
 * A repeated id is deleted once and then not found. `link-id-null` answers `link_id: null` in every entry;
 * `list-400` refuses a request naming an unknown link id.
 */
export function deleteByLinks(ctx: RouteContext): PanelAnswer {
  requireSession(ctx, true);
  const { state } = ctx;
  const body = parseJsonObject(ctx.request.contentType, ctx.request.rawBody);
  const linkIds = parseLinkIds(body, state.knobs.get().maxIdsPerRequest);
  refuseUnknown(ctx, () => linkIds.some((id) => !state.store.hasLink(id)));
  const result = state.store.deleteByLinks(linkIds);
  return {
    status: 200,
    items: linkIds.length,
    acknowledged: result.filter((r) => r.success).map((r) => r.link_id),
    body: { result: state.knobs.has('link-id-null') ? withNullLinkIds(result) : result },
  };
}
