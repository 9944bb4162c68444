import { type Body, optionalInt } from './args.ts';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './constants.ts';
import type { PaginationView } from './views.ts';

/** One requested page. */
export interface PageRequest {
  pageIndex: number;
  pageLimit: number;
}

/**
 * Reads `page_limit` (1..{@link MAX_PAGE_LIMIT}, default 10) and `page_index` (from 0, default 0).
 * Anything else, including negative, fractional or string values, is INVALID_ARGUMENTS.
 */
export function readPaging(body: Body): PageRequest {
  return {
    pageLimit: optionalInt(body, 'page_limit', 1, MAX_PAGE_LIMIT) ?? DEFAULT_PAGE_LIMIT,
    pageIndex: optionalInt(body, 'page_index', 0, Number.MAX_SAFE_INTEGER) ?? 0,
  };
}

/**
 * Cuts one page out of `items`. A page past the end is empty (not an error), with the true total, as a
 * database-backed list plausibly answers. `cap` > 0 (knob `pageCap`) is a silent firmware limit: the page
 * holds at most `cap` rows and pages are counted in that size (offset = page_index × min(page_limit, cap)),
 * while `pagination` still echoes the asked `page_limit` and states the true `total_count`.
 */
export function takePage<T>(
  items: readonly T[],
  request: PageRequest,
  cap = 0,
): { page: T[]; pagination: PaginationView } {
  const size = cap > 0 ? Math.min(request.pageLimit, cap) : request.pageLimit;
  const start = request.pageIndex * size;
  return {
    page: start >= items.length ? [] : items.slice(start, start + size),
    pagination: { page_index: request.pageIndex, page_limit: request.pageLimit, total_count: items.length },
  };
}

/**
 * Fuzzy name match as the device's SQLite `LIKE '%text%'` does it: a substring test that ignores case for
 * ASCII letters only (so "zoë" does not match "ZOË", but "smith" matches "Smith").
 */
export function fuzzyIncludes(value: string, text: string): boolean {
  const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return fold(value).includes(fold(text));
}
