/** Longest name or TXT value kept from an advertisement; the rest is cut with an ellipsis. */
export const MAX_ADVERTISED_TEXT = 128;

/** Most TXT keys kept from one advertisement. */
const MAX_TXT_KEYS = 32;

/**
 * Makes advertised text safe to store and show: invalid UTF-8 and lone UTF-16 surrogates (text a device cut
 * inside a pair) become U+FFFD, as SQLite stores them, so the text announced is the text stored; control and
 * bidi-override characters are removed, whitespace is collapsed, and the result is cut to `max` characters.
 * HTML is kept as text (React escapes it when shown); nothing here is ever interpreted.
 */
export function sanitizeAdvertisedText(value: unknown, max = MAX_ADVERTISED_TEXT): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value instanceof Uint8Array) text = new TextDecoder('utf-8', { fatal: false }).decode(value);
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else text = '';
  text = text
    .toWellFormed()
    // Control characters are exactly what this removes.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** Sanitises a TXT record: keys lower-cased and cleaned, values cleaned and cut, at most 32 keys. */
export function sanitizeTxt(txt: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!txt || typeof txt !== 'object') return out;
  for (const [rawKey, rawValue] of Object.entries(txt as Record<string, unknown>).slice(0, MAX_TXT_KEYS)) {
    const key = sanitizeAdvertisedText(rawKey, 32).toLowerCase();
    if (key === '' || key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = sanitizeAdvertisedText(rawValue);
  }
  return out;
}

/** A valid TCP port, or null for 0, negatives, non-numbers and values above 65535. */
export function validPort(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535 ? value : null;
}
