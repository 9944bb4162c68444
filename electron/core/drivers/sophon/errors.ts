import { DriverError, type FailureKind } from '../driver.ts';

/**
 * How the Sophon v2 face API's error answers map to the engine's failure kinds.
 *
 * Error body (PROTOCOLS.md §1): `{"error": {"code": "...", "message": "...", "status": "..."}}`. The vendor
 * documents give no HTTP statuses, so the driver branches on `code` first and only falls back to the HTTP
 * status for codes it does not know.
 */

/** The vendor's "id not found" code: for removals it means the item is already absent. */
export const ID_NOT_FOUND = 'ID_NOT_FOUND';

/** The vendor's "invalid argument" code: for a removal naming one id, that id is not valid for the terminal. */
export const INVALID_ARGUMENTS = 'INVALID_ARGUMENTS';

/** The vendor's "wrong password" code of `login`. */
export const PASSWORD_ERROR = 'PASSWORD_ERROR';

/**
 * Names of integer error codes: the "Index" column of the deleteidentities document's error table. Some
 * firmware sends `code` as an int (the deleteface document types it so). The column is a row number of that
 * page, so an integer outside it keeps its decimal text and is classified by the HTTP status alone.
 */
export const CODE_NAMES: Readonly<Record<number, string>> = {
  1: 'GROUP_LEN_ERROR',
  2: 'ID_NOT_FOUND',
  3: 'ID_REPEAT_ERROR',
  4: 'IMAGE_DECODE_ERROR',
  5: 'IMAGE_SIZE_TOO_LARGE_ERROR',
  6: 'INVALID_ARGUMENTS',
  7: 'INVALID_REQUEST_JSON',
  8: 'LOW_QUALITY_ERROR',
  9: 'MISSING_ARGUMENTS',
  10: 'NAME_REPEAT_ERROR',
  11: 'NO_FACE_ERROR',
  12: 'UNSUPPORT_CONTENT_TYPE',
};

/** A parsed Sophon error answer. */
export interface SophonErrorAnswer {
  /** The code's name (an integer code is mapped by {@link CODE_NAMES}, or kept as its decimal text). */
  code: string;
  /** The integer the terminal sent as `code`, when it sent one (as a number or as digits); else null. */
  numeric: number | null;
  message: string;
  status: string;
}

/** Codes that mean the request itself was wrong: never retried. */
const INVALID_CODES = new Set([
  'INVALID_ARGUMENTS',
  'MISSING_ARGUMENTS',
  'INVALID_REQUEST_JSON',
  'UNSUPPORT_CONTENT_TYPE',
  'ID_NOT_FOUND',
  'ID_REPEAT_ERROR',
  'NAME_REPEAT_ERROR',
  'GROUP_LEN_ERROR',
  'IMAGE_DECODE_ERROR',
  'IMAGE_SIZE_TOO_LARGE_ERROR',
  'LOW_QUALITY_ERROR',
  'NO_FACE_ERROR',
]);

/** Codes that mean "try again later". */
const RETRYABLE_CODES = new Set(['INTERNAL_ERROR']);

/** Longest vendor message kept in a DriverError (hostile devices may send megabytes). */
const MAX_MESSAGE_LENGTH = 200;

/**
 * Reads a Sophon error answer from a parsed JSON body; undefined when the body does not have that shape.
 * Only `code` is required: a name (a string of at most 64 characters), or an integer code (a non-negative
 * safe integer, or a string of digits) named by {@link CODE_NAMES}. `message` and `status` are text when
 * they are strings or numbers, else empty.
 */
export function parseErrorAnswer(json: unknown): SophonErrorAnswer | undefined {
  if (!isRecord(json)) return undefined;
  const error = json.error;
  if (!isRecord(error)) return undefined;
  const code = readCode(error.code);
  if (!code) return undefined;
  const text = (value: unknown): string =>
    typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, MAX_MESSAGE_LENGTH) : '';
  return { ...code, message: text(error.message), status: text(error.status) };
}

function readCode(value: unknown): { code: string; numeric: number | null } | undefined {
  let numeric: number;
  if (typeof value === 'number') numeric = value;
  else if (typeof value === 'string' && /^\d{1,15}$/.test(value)) numeric = Number(value);
  else if (typeof value === 'string' && value !== '' && value.length <= 64) return { code: value, numeric: null };
  else return undefined;
  if (!Number.isSafeInteger(numeric) || numeric < 0) return undefined;
  return { code: CODE_NAMES[numeric] ?? String(numeric), numeric };
}

/** The failure kind of a Sophon error code answered with `httpStatus`. */
export function failureKindOf(code: string, httpStatus: number): FailureKind {
  if (code === PASSWORD_ERROR) return 'auth';
  if (RETRYABLE_CODES.has(code) || /BUSY/i.test(code)) return 'retryable';
  if (INVALID_CODES.has(code)) return 'invalid';
  if (httpStatus >= 500 || httpStatus === 429 || httpStatus === 408) return 'retryable';
  if (httpStatus === 401 || httpStatus === 403) return 'auth';
  return 'invalid';
}

/**
 * A Sophon error whose name was read from an integer code ({@link CODE_NAMES}): the numbering is a row of one
 * vendor page, and other pages number the same codes differently, so the name is a guess. The driver never
 * concludes absence from such a name alone (remove.ts confirms it by reading).
 */
export class NumberedCodeError extends DriverError {
  /** The integer the terminal sent. */
  readonly numeric: number;

  constructor(kind: FailureKind, message: string, rawCode: string, status: number, numeric: number) {
    super(kind, message, rawCode, status);
    this.numeric = numeric;
  }
}

/** Turns a Sophon error answer into a DriverError (kind from {@link failureKindOf}, raw code kept). */
export function errorFromAnswer(answer: SophonErrorAnswer, httpStatus: number, op: string): DriverError {
  const kind = failureKindOf(answer.code, httpStatus);
  const named = answer.numeric !== null && answer.code !== String(answer.numeric);
  const numbered = named ? ` [${answer.numeric}]` : '';
  const detail = answer.message ? `: ${answer.message}` : '';
  const message = `The terminal refused ${op} (${answer.code}${numbered}${detail}).`;
  if (named) return new NumberedCodeError(kind, message, answer.code, httpStatus, answer.numeric as number);
  return new DriverError(kind, message, answer.code, httpStatus);
}

/** A DriverError for an answer that is not what the Sophon API sends (HTML, other JSON, wrong types). */
export function unexpectedAnswer(op: string, httpStatus: number, what: string): DriverError {
  return new DriverError(
    'retryable',
    `The terminal gave an unexpected answer to ${op} (HTTP ${httpStatus}, ${what}).`,
    'UNEXPECTED_ANSWER',
    httpStatus,
  );
}

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
