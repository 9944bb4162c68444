/**
 * Defensive readers for BAS-IP JSON answers. Panels of different models and firmware vary in what they send,
 * and a device on the LAN may be hostile: nothing here trusts a shape, and texts are cut to a sane length.
 */

/** Longest text kept from a device (names, messages, versions). */
export const MAX_TEXT_LENGTH = 200;

/** A JSON object. */
export type JsonRecord = Record<string, unknown>;

/** Parses JSON text; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first of `keys` holding a non-empty string (or a finite number, as text), cut to {@link MAX_TEXT_LENGTH}. */
export function pickText(record: JsonRecord, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, MAX_TEXT_LENGTH);
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return null;
}

/** The first of `keys` holding a non-negative safe integer (numbers or decimal strings). */
export function pickCount(record: JsonRecord, keys: readonly string[]): number | null {
  for (const key of keys) {
    const value = record[key];
    const n = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  }
  return null;
}

/** The first of `keys` holding an object. */
export function pickRecord(record: JsonRecord, keys: readonly string[]): JsonRecord | null {
  for (const key of keys) {
    const value = record[key];
    if (isRecord(value)) return value;
  }
  return null;
}
