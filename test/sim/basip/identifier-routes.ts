import type { PanelAnswer, RouteContext } from './panel.ts';
import { requireSession } from './session-routes.ts';
import { parseJsonObject, parseLinkIds, parseLinkItems, parsePaging, parseUidItems } from './validate.ts';

/**
 * `GET /api/v1/access/identifier/items?limit=&page_number=` (also `.../items/link`, which the vendor documents
 * for Link with the same paging). Any logged-in account may read. Answer (vendor schema):
 * `{"list_option": {"pagination": {"total_items", "items_limit", "total_pages", "current_page"}},
 * "list_items": [...]}` in uid order. `total_pages` is at least 1 (vendor: ">= 1"), and a page past the end
 * answers 200 with an empty `list_items` (undocumented; the plausible behaviour of an SQL `LIMIT/OFFSET`).
 */
export function listIdentifiers(ctx: RouteContext): PanelAnswer {
  requireSession(ctx, false);
  const { limit, page } = parsePaging(ctx.request.query);
  const { items, total } = ctx.state.store.page(limit, page);
  return {
    status: 200,
    items: items.length,
    body: {
      list_option: {
        pagination: {
          total_items: total,
          items_limit: limit,
          total_pages: Math.max(1, Math.ceil(total / limit)),
          current_page: page,
        },
      },
      list_items: items,
    },
  };
}

/**
 * `DELETE /api/v1/access/identifier/items` with `{"uid_items": [uid, ...]}`. The vendor documents no answer
 * body: we answer 200 with an EMPTY body (no content type), unknown uids are skipped silently (as an SQL
 * `DELETE ... WHERE uid IN (...)` would), so clients must list again to confirm.
 */
export function deleteByUids(ctx: RouteContext): PanelAnswer {
  requireSession(ctx, true);
  const body = parseJsonObject(ctx.request.contentType, ctx.request.rawBody);
  const uids = parseUidItems(body, ctx.state.knobs.get().maxIdsPerRequest);
  const deleted = ctx.state.store.deleteByUids(uids);
  return { status: 200, items: uids.length, acknowledged: deleted.map(String) };
}

/**
 * `POST /api/v1/access/identifier/items/link` with `{"list_items": [{..., "link_id"}]}`: create or update by
 * link id → `{"result": [{"link_id", "success", "extended_info"}]}`, one entry per item in order
 * (`created`, `updated`, `number_taken_by_another_identifier`, `number_of_identifiers_exceeded` beyond
 * knobs.capacity identifiers, `bad_base_64_image_file` / `face_has_not_recognized` for a bad `face_image`).
 */
export function upsertByLinks(ctx: RouteContext): PanelAnswer {
  requireSession(ctx, true);
  const knobs = ctx.state.knobs.get();
  const body = parseJsonObject(ctx.request.contentType, ctx.request.rawBody);
  const items = parseLinkItems(body, knobs.maxIdsPerRequest);
  const result = ctx.state.store.upsertByLinks(items, knobs.capacity);
  return { status: 200, items: items.length, body: { result } };
}

/**
 * `DELETE /api/v1/access/identifier/items/link` (and the older Android-panel `POST
 * /api/v1/access/identifiers/link/delete`) with `{"link_ids": [uuid, ...]}` →
 * `{"result": [{"link_id", "success": true, "extended_info": "deleted"} |
 * {"link_id", "success": false, "extended_info": "entity_not_found"}]}`, one entry per id in request order.
 * A repeated id is deleted once and then not found.
 */
export function deleteByLinks(ctx: RouteContext): PanelAnswer {
  requireSession(ctx, true);
  const body = parseJsonObject(ctx.request.contentType, ctx.request.rawBody);
  const linkIds = parseLinkIds(body, ctx.state.knobs.get().maxIdsPerRequest);
  const result = ctx.state.store.deleteByLinks(linkIds);
  return {
    status: 200,
    items: linkIds.length,
    acknowledged: result.filter((r) => r.success).map((r) => r.link_id),
    body: { result },
  };
}
