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

/** The vendor's "wrong password" code of `login`. */
export const PASSWORD_ERROR = 'PASSWORD_ERROR';

/** A parsed Sophon error answer. */
export interface SophonErrorAnswer {
  code: string;
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
 * Only `code` is required (a string); `message` and `status` default to empty strings when absent or not text.
 */
export function parseErrorAnswer(json: unknown): SophonErrorAnswer | undefined {
  if (!isRecord(json)) return undefined;
  const error = json.error;
  if (!isRecord(error)) return undefined;
  const code = error.code;
  if (typeof code !== 'string' || code === '' || code.length > 64) return undefined;
  const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, MAX_MESSAGE_LENGTH) : '');
  return { code, message: text(error.message), status: text(error.status) };
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

/** Turns a Sophon error answer into a DriverError (kind from {@link failureKindOf}, raw code kept). */
export function errorFromAnswer(answer: SophonErrorAnswer, httpStatus: number, op: string): DriverError {
  const kind = failureKindOf(answer.code, httpStatus);
  const detail = answer.message ? `: ${answer.message}` : '';
  return new DriverError(kind, `The terminal refused ${op} (${answer.code}${detail}).`, answer.code, httpStatus);
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
