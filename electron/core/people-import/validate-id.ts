import type { ImportIssueCode, IdKind } from '../../../shared/domain/people-import.ts';

/** The id kinds a cell can be checked as: the typed kinds, and `nativeId` of a single-column list. */
export type CheckedKind = IdKind | 'nativeId';

/** The outcome of checking one id cell: its value, or a stable code and an English sentence. */
export type IdCheck =
  | { readonly ok: true; readonly value: string | number }
  | { readonly ok: false; readonly code: ImportIssueCode; readonly message: string };

/** Longest identity_id (and native id) accepted; Sophon documents none, 64 is generous. */
export const MAX_IDENTITY_ID_LENGTH = 64;

/** Longest face_id / register_image_id accepted. */
export const MAX_FACE_ID_LENGTH = 128;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^\d+$/;
/** What Excel writes for a long number in a General-formatted cell, e.g. "1.23457E+17". */
const EXCEL_SCIENTIFIC = /^\d(\.\d+)?E\+\d{1,3}$/i;
const HAS_SPACE = /\s/u;
const HAS_CONTROL = /[\p{Cc}\p{Cf}]/u;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/gu;
/** Excel's trick to keep leading zeros in a CSV: ="00123". */
const EXCEL_TEXT_FORMULA = /^="(.*)"$/s;

/**
 * Cleans a raw cell: trims white space (no-break spaces included), drops zero-width characters, and
 * unwraps Excel's `="00123"` text-formula form. An empty result means "no value".
 */
export function cleanCell(raw: string): string {
  const trimmed = raw.replace(ZERO_WIDTH, '').trim();
  const formula = EXCEL_TEXT_FORMULA.exec(trimmed);
  return formula?.[1] !== undefined ? formula[1].trim() : trimmed;
}

/** Shortens a value for a message so one broken cell cannot flood the screen. */
export function quoteValue(value: string): string {
  return value.length > 40 ? `"${value.slice(0, 39)}…"` : `"${value}"`;
}

const fail = (code: ImportIssueCode, message: string): IdCheck => ({ ok: false, code, message });

function checkIdentityLike(kind: 'identity_id' | 'nativeId', value: string): IdCheck {
  const code = kind === 'identity_id' ? 'invalid_identity_id' : 'invalid_native_id';
  const what = kind === 'identity_id' ? 'an identity_id' : 'an id';
  if (value.length > MAX_IDENTITY_ID_LENGTH) {
    return fail(
      code,
      `${quoteValue(value)} is too long for ${what} (at most ${MAX_IDENTITY_ID_LENGTH} characters). Check that the right column is picked.`,
    );
  }
  if (HAS_SPACE.test(value) || HAS_CONTROL.test(value)) {
    return fail(
      code,
      `${quoteValue(value)} is not ${what}: ids contain no spaces. Check that the right column is picked, or fix the value.`,
    );
  }
  return { ok: true, value };
}

function checkFaceLike(kind: 'face_id' | 'register_image_id', value: string): IdCheck {
  const code = kind === 'face_id' ? 'invalid_face_id' : 'invalid_register_image_id';
  if (value.length > MAX_FACE_ID_LENGTH || HAS_CONTROL.test(value)) {
    return fail(
      code,
      `${quoteValue(value)} is not a valid ${kind}: it must be at most ${MAX_FACE_ID_LENGTH} printable characters. Fix the value or pick the right column.`,
    );
  }
  return { ok: true, value };
}

/**
 * Checks one non-empty, cleaned id cell as the given kind:
 * - `identity_id` (Sophon) and `nativeId`: 1 to 64 characters without spaces or control characters.
 *   The Sophon examples use decimal strings, but the API takes any string, so letters are accepted.
 * - `link_id` (BAS-IP): a UUID, 8-4-4-4-12 hexadecimal digits.
 * - `uid` (BAS-IP): a positive whole number (returned as a number).
 * - `face_id`, `register_image_id` (Sophon): at most 128 printable characters.
 * A long number that Excel turned into scientific notation ("1.23457E+17") is reported on its own,
 * because its digits are lost and only re-exporting the column as Text fixes it.
 */
export function checkId(kind: CheckedKind, value: string): IdCheck {
  if (EXCEL_SCIENTIFIC.test(value)) {
    return fail(
      'scientific_notation',
      `${quoteValue(value)} is a long number that Excel shortened to scientific notation, so its digits are lost. In Excel, format the column as Text, re-type or re-paste the ids, save as CSV and import again.`,
    );
  }
  switch (kind) {
    case 'identity_id':
    case 'nativeId':
      return checkIdentityLike(kind, value);
    case 'link_id':
      return UUID.test(value)
        ? { ok: true, value }
        : fail(
            'invalid_link_id',
            `${quoteValue(value)} is not a link_id: a link_id is a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301. Check that the right column is picked, or fix the value.`,
          );
    case 'uid': {
      const number = DIGITS.test(value) ? Number(value) : Number.NaN;
      return Number.isSafeInteger(number) && number > 0
        ? { ok: true, value: number }
        : fail(
            'invalid_uid',
            `${quoteValue(value)} is not a uid: a uid is a whole number greater than 0. Check that the right column is picked, or fix the value.`,
          );
    }
    case 'face_id':
    case 'register_image_id':
      return checkFaceLike(kind, value);
  }
}
