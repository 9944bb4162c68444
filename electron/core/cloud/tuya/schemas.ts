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

/**
 * Reads every page (from 1) until the cloud says there is no more: `hasMore` false, or, when it sends no
 * `hasMore`, a short or empty page or `total` reached.
 */
export async function collectPages<T>(fetchPage: (page: number) => Promise<Page<T>>, pageSize: number): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { items, total, hasMore } = await fetchPage(page);
    all.push(...items);
    if (items.length === 0 || hasMore === false) break;
    if (hasMore === null && (items.length < pageSize || (total !== null && all.length >= total))) break;
  }
  return all;
}
