import { DriverError } from '../driver.ts';
import { isRecord, MAX_TEXT_LENGTH } from './json.ts';

/**
 * BAS-IP error answers and how they map to the engine's failure kinds. Two shapes exist (PROTOCOLS.md §2):
 * legacy `{"error": "<message>"}` (also `{"error": true}`) and newer `{"error": {"code", "message"}}` with
 * codes `invalid_authentication`, `permission_denied`, `not_valid` and `system_error`.
 */

/** A parsed BAS-IP error answer: either part may be missing. */
export interface BasipErrorAnswer {
  /** The coded style's `code`, null for legacy answers. */
  code: string | null;
  /** The legacy string or the coded style's `message`. */
  message: string | null;
}

/** What the technician reads when the account is not an administrator. */
export const ADMIN_NEEDED_MESSAGE =
  'The panel needs an administrator account for this ("Administrator rights required"): enter the credentials of an admin account.';

/** What the technician reads when the login is refused. */
export const WRONG_LOGIN_MESSAGE = 'The panel refused the user name or password.';

/** Reads a BAS-IP error answer from a parsed JSON body; undefined when the body is not an error answer. */
export function readBasipError(json: unknown): BasipErrorAnswer | undefined {
  if (!isRecord(json) || !('error' in json)) return undefined;
  const error = json.error;
  if (typeof error === 'string') return { code: null, message: cut(error) };
  if (error === true) return { code: null, message: null };
  if (isRecord(error)) {
    const code = typeof error.code === 'string' && error.code !== '' ? cut(error.code) : null;
    const message = typeof error.message === 'string' && error.message !== '' ? cut(error.message) : null;
    return { code, message };
  }
  return undefined;
}

/** Whether an answer says the bearer token is missing, unknown or expired (so a new login may help). */
export function isTokenRejected(status: number, json: unknown): boolean {
  return status === 401 || readBasipError(json)?.code === 'invalid_authentication';
}

/** Whether an answer refuses the account for lack of administrator rights. */
export function isAdminRequired(status: number, json: unknown): boolean {
  const error = readBasipError(json);
  return status === 403 || error?.code === 'permission_denied' || /administrator rights/i.test(error?.message ?? '');
}

/**
 * Classifies a failed answer (any status that is not a success, or a success carrying an error body):
 * `auth` for token, login and rights problems, `invalid` for validation errors and other 4xx, `retryable`
 * for `system_error`, "busy" and 5xx/408/429.
 */
export function errorFromAnswer(status: number, json: unknown): DriverError {
  const error = readBasipError(json);
  const code = error?.code ?? null;
  const message = error?.message ?? null;
  const rawCode = code ?? message;
  const told = message ? ` (${status} ${message})` : ` (${status})`;
  if (isAdminRequired(status, json)) return new DriverError('auth', ADMIN_NEEDED_MESSAGE, rawCode, status);
  if (/wrong login or password/i.test(message ?? '')) {
    return new DriverError('auth', WRONG_LOGIN_MESSAGE, rawCode, status);
  }
  if (isTokenRejected(status, json)) {
    return new DriverError('auth', `The panel refused the login${told}.`, rawCode, status);
  }
  if (code === 'system_error' || /busy/i.test(message ?? '') || status >= 500 || status === 408 || status === 429) {
    return new DriverError('retryable', `The panel could not do it now${told}; try again.`, rawCode, status);
  }
  if (code === 'not_valid' || /wrong json body/i.test(message ?? '')) {
    return new DriverError('invalid', `The panel refused the request as not valid${told}.`, rawCode, status);
  }
  return new DriverError('invalid', `The panel refused the request${told}.`, rawCode, status);
}

function cut(text: string): string {
  return text.slice(0, MAX_TEXT_LENGTH);
}
