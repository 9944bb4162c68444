import { TuyaError } from './errors.ts';

/**
 * Reading request parameters the way a Java (Jackson) backend binds them: a numeric string is accepted for
 * an Integer and a number for a String; anything else of the wrong type is 1109, a missing or empty
 * required value is 1100, a value outside its documented set is 1101. GET parameters come from the query
 * string (all strings), POST parameters from the JSON body.
 */

/** Where parameters are read from. */
export type ParamSource = Readonly<Record<string, unknown>>;

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** An optional String parameter (undefined when absent or empty). */
export function optString(source: ParamSource, name: string): string | undefined {
  const value = source[name];
  if (!present(value)) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new TuyaError(1109, `${name} must be a string`);
}

/** A required String parameter. */
export function requireString(source: ParamSource, name: string): string {
  const value = optString(source, name);
  if (value === undefined) throw new TuyaError(1100, `${name} is required`);
  return value;
}

/** An optional Integer/Long parameter, optionally restricted to `allowed` values (else 1101). */
export function optInt(source: ParamSource, name: string, allowed?: readonly number[]): number | undefined {
  const value = source[name];
  if (!present(value)) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(number)) throw new TuyaError(1109, `${name} must be an integer`);
  if (allowed && !allowed.includes(number)) throw new TuyaError(1101, `${name} must be one of ${allowed.join(', ')}`);
  return number;
}

/** A required Integer parameter. */
export function requireInt(source: ParamSource, name: string, allowed?: readonly number[]): number {
  const value = optInt(source, name, allowed);
  if (value === undefined) throw new TuyaError(1100, `${name} is required`);
  return value;
}

/** An optional String[] parameter (undefined when absent; an empty list counts as absent). */
export function optStringArray(source: ParamSource, name: string): string[] | undefined {
  const value = source[name];
  if (!present(value)) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new TuyaError(1109, `${name} must be an array of strings`);
  }
  return value.length > 0 ? (value as string[]) : undefined;
}

/** A required, non-empty String[] parameter. */
export function requireStringArray(source: ParamSource, name: string): string[] {
  const value = optStringArray(source, name);
  if (value === undefined) throw new TuyaError(1100, `${name} is required`);
  return value;
}

/**
 * Paging: `page` counts from 1 (the vendor table's "total number of returned pages" is a translation slip)
 * and defaults to 1; `pageSize` defaults to 20 and may not exceed {@link MAX_PAGE_SIZE}. Out of range → 1101.
 */
export interface Paging {
  page: number;
  pageSize: number;
}

/** Default page size when `pageSize` is absent (Tuya's usual default). */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Largest accepted `pageSize`. Undocumented for these APIs (other Tuya APIs document limits from 100 to
 * 1000); the simulator holds clients to 100 so paging is always exercised.
 */
export const MAX_PAGE_SIZE = 100;

/** Reads `page` and `pageSize`. */
export function readPaging(source: ParamSource): Paging {
  const page = optInt(source, 'page') ?? 1;
  const pageSize = optInt(source, 'pageSize') ?? DEFAULT_PAGE_SIZE;
  if (page < 1) throw new TuyaError(1101, 'page starts at 1');
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new TuyaError(1101, `pageSize must be 1..${MAX_PAGE_SIZE}`);
  return { page, pageSize };
}

/** A page of results: `{total, list, hasMore}`. */
export interface Page<T> {
  total: number;
  list: T[];
  hasMore: boolean;
}

/** Cuts one page out of a full, already ordered list. */
export function paginate<T>(items: readonly T[], paging: Paging): Page<T> {
  const start = (paging.page - 1) * paging.pageSize;
  const list = items.slice(start, start + paging.pageSize);
  return { total: items.length, list, hasMore: start + list.length < items.length };
}

/** Case-insensitive "contains" used for the name-like filters (the console's fuzzy search). */
export function fuzzyMatch(haystack: string, needle: string | undefined): boolean {
  return needle === undefined || haystack.toLowerCase().includes(needle.toLowerCase());
}
