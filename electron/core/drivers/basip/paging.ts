import { DriverError, type TerminalPerson } from '../driver.ts';
import { isRecord, MAX_TEXT_LENGTH, pickCount, pickRecord, pickText, type JsonRecord } from './json.ts';

/** The page sizes (`limit`) the vendor allows for identifier lists; pages (`page_number`) start at 1. */
export const PAGE_LIMITS = [10, 20, 30, 50] as const;

/** Which vendor pages cover one caller page, and where the caller's items sit in them. */
export interface PagePlan {
  /** The vendor `limit` used for every request of the plan. */
  limit: number;
  /** Rows one vendor page holds at that limit: the limit, or the panel's page cap when it is smaller. */
  size: number;
  /** First and last vendor `page_number` to fetch (1-based, inclusive). */
  firstPage: number;
  lastPage: number;
  /** Items to drop from the start of the first vendor page. */
  skip: number;
  /** Items the caller wants. */
  take: number;
}

/**
 * Maps a 0-based caller page of `pageSize` items onto the vendor's paging: among the allowed limits, the one
 * needing the fewest requests, then fetching the fewest extra items, then the largest. Caller pages of 10,
 * 20, 30 or 50 map one to one; other sizes take several vendor pages or a slice of one. With `cap` (a panel
 * that silently serves at most `cap` rows a page, offsetting pages by that size) every limit above the cap
 * counts as the cap.
 */
export function planPages(pageIndex: number, pageSize: number, cap: number | null = null): PagePlan {
  if (!Number.isSafeInteger(pageIndex) || pageIndex < 0 || !Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new DriverError('invalid', `Not a valid page: index ${pageIndex}, size ${pageSize}.`);
  }
  if (cap !== null && (!Number.isSafeInteger(cap) || cap < 1)) {
    throw new DriverError('invalid', `Not a valid page cap: ${cap}.`);
  }
  const start = pageIndex * pageSize;
  const end = start + pageSize;
  let best: (PagePlan & { fetched: number }) | null = null;
  for (const limit of PAGE_LIMITS) {
    const size = cap === null ? limit : Math.min(limit, cap);
    const firstPage = Math.floor(start / size) + 1;
    const lastPage = Math.floor((end - 1) / size) + 1;
    const requests = lastPage - firstPage + 1;
    const fetched = requests * size;
    const plan = { limit, size, firstPage, lastPage, skip: start - (firstPage - 1) * size, take: pageSize, fetched };
    const bestRequests = best ? best.lastPage - best.firstPage + 1 : Infinity;
    if (!best || requests < bestRequests || (requests === bestRequests && fetched <= best.fetched)) best = plan;
  }
  const { fetched: _fetched, ...plan } = best as PagePlan & { fetched: number };
  return plan;
}

/** One vendor page of identifiers as read from the answer. */
export interface IdentifierPage {
  items: JsonRecord[];
  /** All identifiers on the panel, when the answer tells. */
  total: number | null;
}

/** Longest identifier number kept (face identifiers carry Base64 feature data there). */
const MAX_NUMBER_LENGTH = 512;

const TOTAL_KEYS = ['total_items', 'total', 'total_count', 'count'];

/**
 * Reads a list answer: vendor shape `{"list_option": {"pagination": {"total_items", ...}}, "list_items": [...]}`;
 * also accepts the items under `items` / `identifiers` / `data` or as a bare array, and the total beside
 * the items or in a top-level `pagination`. Null when no list of items is found.
 */
export function readIdentifierPage(json: unknown): IdentifierPage | null {
  if (Array.isArray(json)) return { items: json.filter(isRecord), total: null };
  if (!isRecord(json)) return null;
  const list = [json.list_items, json.items, json.identifiers, json.data].find(Array.isArray) as unknown[] | undefined;
  if (!list) return null;
  const option = pickRecord(json, ['list_option', 'list_options']);
  const pagination = (option && pickRecord(option, ['pagination'])) ?? pickRecord(json, ['pagination', 'paging']);
  const total =
    (pagination && pickCount(pagination, TOTAL_KEYS)) ??
    (option && pickCount(option, TOTAL_KEYS)) ??
    pickCount(json, TOTAL_KEYS);
  return { items: list.filter(isRecord), total };
}

/**
 * An identifier as a person: id = its `link_id`, or its uid as text when no management system stamped one;
 * name = its owner's name; extra = uid, number and type (numbers or texts: the app only displays them). Null
 * for an entry carrying neither id.
 */
export function personOf(item: JsonRecord): TerminalPerson | null {
  const uid = pickCount(item, ['identifier_uid', 'uid']);
  // Strict: only a text is a link id (a number or null there is not one; the uid then names the row).
  const rawLink = item.link_id;
  const linkId = typeof rawLink === 'string' && rawLink.trim() !== '' ? rawLink.trim().slice(0, MAX_TEXT_LENGTH) : null;
  const id = linkId ?? (uid === null ? null : String(uid));
  if (id === null) return null;
  const owner = pickRecord(item, ['identifier_owner']);
  const name = (owner && pickText(owner, ['name'])) ?? pickText(item, ['name']) ?? '';
  const extra: Record<string, string> = {};
  if (uid !== null) extra.uid = String(uid);
  const number = item.identifier_number;
  if (typeof number === 'string') extra.number = number.slice(0, MAX_NUMBER_LENGTH);
  else if (typeof number === 'number' && Number.isFinite(number)) extra.number = String(number);
  const type = pickText(item, ['identifier_type']);
  if (type !== null) extra.type = type;
  return { id, name, extra };
}
