import type { PanelAnswer, RouteContext } from './panel.ts';
import { requireSession } from './session-routes.ts';
import { parsePaging } from './validate.ts';
import { nullIdentifier, numericIdentifier } from './variants.ts';

/**
 * `GET /api/v1/access/identifier/items?limit=&page_number=` (also `.../items/link`, which the vendor documents
 * for Link with the same paging). Any logged-in account may read. Answer (vendor schema):
 * `{"list_option": {"pagination": {"total_items", "items_limit", "total_pages", "current_page"}},
 * "list_items": [...]}` in uid order. `total_pages` is at least 1 (vendor: ">= 1"), and a page past the end
 * answers 200 with an empty `list_items` (undocumented; the plausible behaviour of an SQL `LIMIT/OFFSET`).
 *
 * Variants: with `knobs.pageCap` > 0 a page holds at most that many rows WITHOUT saying so (offset =
 * (page − 1) × min(limit, pageCap); `items_limit` and `total_pages` still follow the asked limit, only
 * `total_items` tells the truth); `no-totals` leaves `total_items` and `total_pages` out; `numeric-values`
 * lists numbers in the fields the app does not use (variants.ts).
 */
export function listIdentifiers(ctx: RouteContext): PanelAnswer {
  requireSession(ctx, false);
  const { state } = ctx;
  const { limit, page } = parsePaging(ctx.request.query);
  const { items, total } = state.store.page(limit, page, state.knobs.get().pageCap);
  const pagination = state.knobs.has('no-totals')
    ? { items_limit: limit, current_page: page }
    : {
        total_items: total,
        items_limit: limit,
        total_pages: Math.max(1, Math.ceil(total / limit)),
        current_page: page,
      };
  return {
    status: 200,
    items: items.length,
    body: {
      list_option: { pagination },
      list_items: items
        .map((item): Record<string, unknown> =>
          state.knobs.has('numeric-values') ? numericIdentifier(item) : { ...item },
        )
        .map((item) => (state.knobs.has('null-values') ? nullIdentifier(item) : item)),
    },
  };
}
