/**
 * BAS-IP error answers. Older firmware answers `{"error": "<message>"}`; newer models answer
 * `{"error": {"code": "...", "message": "..."}}` with the same HTTP status. Messages come from the vendor
 * document ("Wrong JSON body", "Wrong JSON body: no value for `param`",
 * "Wrong JSON body: value `param` was of the wrong type", "Log In", "Administrator rights required") and
 * PROTOCOLS.md §2 ("Wrong login or password").
 */

/** Which of the two error shapes the simulated panel speaks. */
export type BasipErrorStyle = 'legacy' | 'coded';

/** The `code` of a coded-style error. */
export type BasipErrorCode = 'invalid_authentication' | 'permission_denied' | 'not_valid' | 'system_error';

/** An error answer before it is shaped for one style. */
export interface BasipApiError {
  status: number;
  code: BasipErrorCode;
  message: string;
}

/** Thrown by validators and routes; the handler turns it into the answer. */
export class BasipError extends Error {
  readonly apiError: BasipApiError;

  constructor(apiError: BasipApiError) {
    super(apiError.message);
    this.apiError = apiError;
  }
}

/** 400 "Wrong JSON body": missing, unparsable or non-JSON body, or a body of the wrong overall shape. */
export const WRONG_JSON_BODY: BasipApiError = { status: 400, code: 'not_valid', message: 'Wrong JSON body' };

/** 401 "Log In": no token, an unknown token or an expired one. */
export const LOG_IN: BasipApiError = { status: 401, code: 'invalid_authentication', message: 'Log In' };

/** 403 for a logged-in account without administrator rights. */
export const ADMIN_REQUIRED: BasipApiError = {
  status: 403,
  code: 'permission_denied',
  message: 'Administrator rights required',
};

/**
 * 400 for a refused login. The status is 400 in both styles (PROTOCOLS.md); the coded style's code for it is
 * not documented, `invalid_authentication` is our best guess.
 */
export const WRONG_LOGIN: BasipApiError = {
  status: 400,
  code: 'invalid_authentication',
  message: 'Wrong login or password',
};

/** The `http500` fault. Not documented by the vendor: a plausible message with `system_error`. */
export const INTERNAL_ERROR: BasipApiError = { status: 500, code: 'system_error', message: 'Internal server error' };

/** The `http503` fault. Not documented by the vendor: a plausible message with `system_error`. */
export const SERVICE_UNAVAILABLE: BasipApiError = { status: 503, code: 'system_error', message: 'Service unavailable' };

/** The `busy` fault (a panel still syncing or writing its database). Not documented: 503 with `system_error`. */
export const DEVICE_BUSY: BasipApiError = { status: 503, code: 'system_error', message: 'Device is busy' };

/** 400 "Wrong JSON body: no value for `param`" for a required field that is absent. */
export function noValueFor(param: string): BasipApiError {
  return { status: 400, code: 'not_valid', message: `Wrong JSON body: no value for \`${param}\`` };
}

/** 400 "Wrong JSON body: value `param` was of the wrong type" for a field of the wrong type or format. */
export function wrongTypeOf(param: string): BasipApiError {
  return { status: 400, code: 'not_valid', message: `Wrong JSON body: value \`${param}\` was of the wrong type` };
}

/** The JSON body of an error answer in the given style. */
export function errorBody(style: BasipErrorStyle, error: BasipApiError): unknown {
  return style === 'coded' ? { error: { code: error.code, message: error.message } } : { error: error.message };
}
