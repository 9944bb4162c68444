import { z } from 'zod';
import { TuyaError } from './errors.ts';

/**
 * Defensive readers of Tuya business results, applied after keys were normalised to camelCase (keys.ts).
 * Ids and numbers are accepted as strings or numbers (the vendor document types a channel number String, its
 * captured answer sends 1); an optional field of an unexpected type reads as null rather than failing the call;
 * only a missing identifier fails (bad-response).
 */

/** Base path of the building access control APIs. */
export const BUILDING_API = '/v1.0/iot-02/building';

/** Page size used when reading every page (the simulator's maximum; Tuya documents none for these calls). */
export const ALL_PAGES_SIZE = 100;

/** Cancellation of one call. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** An id sent as a string or a number, kept as a string. */
export const idSchema = z.union([z.string().min(1), z.number()]).transform(String);

/** An optional string (numbers become strings); anything else → null. */
export const textSchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .nullish()
  .catch(null)
  .transform((v) => v ?? null);

/** An optional integer sent as a number or numeric string; anything else → null. */
export const intSchema = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .nullish()
  .catch(null)
  .transform((v) => (v === null || v === undefined || !Number.isFinite(v) ? null : v));

/** An optional boolean (also "true"/"false"); anything else → null. */
export const boolSchema = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
  .nullish()
  .catch(null)
  .transform((v) => v ?? null);

/** An optional list of ids; anything else → []. */
export const idListSchema = z
  .array(idSchema)
  .nullish()
  .catch([])
  .transform((v) => v ?? []);

/** A page of results as the client hands it on. */
export interface Page<T> {
  items: T[];
  /** `total` when the cloud sent it. */
  total: number | null;
  /** `hasMore` when the cloud sent it (the vendor's captured answer leaves it out). */
  hasMore: boolean | null;
}

const RawPageSchema = z.object({
  total: intSchema,
  list: z
    .array(z.unknown())
    .nullish()
    .transform((v) => v ?? []),
  hasMore: boolSchema,
});

/** Throws a bad-response {@link TuyaError} naming what did not parse. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : parsed.error.message;
  throw new TuyaError({ kind: 'bad-response', detail: `${what}: ${where}` });
}

/** Reads `{total, list, hasMore}` with every item read by `item`. */
export function parsePage<T>(value: unknown, item: z.ZodType<T>, what: string): Page<T> {
  const raw = parseOrThrow(RawPageSchema, value ?? {}, what);
  return {
    items: raw.list.map((entry, i) => parseOrThrow(item, entry, `${what} item ${i}`)),
    total: raw.total,
    hasMore: raw.hasMore,
  };
}

/** Most pages {@link collectPages} reads before it stops (a guard against a cloud that never says "done"). */
export const MAX_PAGES = 10_000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Every item of a paged collection, and whether the reading reached the end the cloud states. */
export interface CollectedPages<T> {
  items: T[];
  /** The `total` the cloud stated on the last page that carried one; null when none did. */
  total: number | null;
  /**
   * True when the rows reached the stated `total` (or, without a total, the cloud's `hasMore: false` or a short
   * page); false when an empty page or the page guard ended the reading first: the list may be incomplete.
   */
  complete: boolean;
}

/**
 * Reads every page (from 1). With a `total` the reading stops only when the rows reach it: a page shorter than
 * asked is not the end while the total says more (a cloud may cap its pages silently); the next pages are then
 * asked in the largest size that keeps their offsets aligned with what was read (the gcd of the rows read and the
 * short page), so nothing is skipped. Without a total: `hasMore` false, or a short page, ends it. An empty page
 * always ends it (then it is incomplete when the total said more).
 */
export async function collectAllPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
  pageSize: number,
): Promise<CollectedPages<T>> {
  const all: T[] = [];
  let size = pageSize;
  let page = 1;
  let stated: number | null = null;
  for (let reads = 0; reads < MAX_PAGES; reads++) {
    const { items, total, hasMore } = await fetchPage(page, size);
    all.push(...items);
    stated = total ?? stated;
    if (total !== null) {
      if (all.length >= total) return { items: all, total: stated, complete: true };
      if (items.length === 0) return { items: all, total: stated, complete: false };
    } else {
      if (items.length === 0 || hasMore === false) return { items: all, total: stated, complete: true };
      if (hasMore === null && items.length < size) return { items: all, total: stated, complete: true };
    }
    if (items.length < size) size = gcd(all.length, items.length);
    page = all.length / size + 1;
  }
  return { items: all, total: stated, complete: false };
}

/** {@link collectAllPages}, answering the items only (for lists where a partial read is still useful). */
export async function collectPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
  pageSize: number,
): Promise<T[]> {
  return (await collectAllPages(fetchPage, pageSize)).items;
}
