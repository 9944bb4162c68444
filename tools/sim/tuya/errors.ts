/**
 * The Tuya global error codes the simulator answers with, and their messages exactly as Tuya's global
 * error-code table spells them (system errors are 500, 10xx and 11xx). Every failure travels in an HTTP 200
 * envelope `{"code", "msg", "success": false, "t", "tid"}`.
 *
 * Where the simulator uses which (documented choices where the vendor is silent):
 * - 500 system error: the `http500` fault knob.
 * - 1000 data not exist: unknown channel, task, task record or authorization id.
 * - 1002 access_token is null: a business call without an `access_token` header.
 * - 1003 grant type invalid: `/v1.0/token` with a grant_type other than 1.
 * - 1004 sign invalid: bad, missing or lower-case signature, or a sign_method other than HMAC-SHA256.
 * - 1005 clientId invalid: missing or unknown `client_id` header.
 * - 1006 not support content type: a POST body whose Content-Type is not application/json.
 * - 1010 token is expired: the access token outlived expire_time (or `expireTokens()`); a refresh token
 *   that outlived its own lifetime.
 * - 1011 token invalid: an access token never issued, or one retired by a refresh; an unknown refresh token.
 * - 1012 token status is invalid: a refresh token used a second time (the service keeps used ones).
 * - 1013 request time is invalid: `t` not 13 digits or more than 15 minutes from the server clock.
 * - 1100 param is empty: a required parameter missing or empty.
 * - 1101 params range invalid: a value outside its documented set (authIssueCertificate 5, page 0, ...).
 * - 1106 permission deny: a projectId this client is not authorised for.
 * - 1108 uri path invalid: an unknown path, or a known path with the wrong method.
 * - 1109 param is illegal: a value of the wrong type, or a body that is not JSON.
 * - 1110 / 1111 / 1199: throttling at the configured rate (1111 also for the `busy` fault knob).
 */
export const TUYA_ERRORS = {
  500: 'system error, please contact the admin',
  1000: 'data not exist',
  1002: 'access_token is null',
  1003: 'grant type invalid',
  1004: 'sign invalid',
  1005: 'clientId invalid',
  1006: 'not support content type',
  1010: 'token is expired',
  1011: 'token invalid',
  1012: 'token status is invalid',
  1013: 'request time is invalid',
  1100: 'param is empty',
  1101: 'params range invalid',
  1106: 'permission deny',
  1108: 'uri path invalid',
  1109: 'param is illegal, please check it',
  1110: 'concurrent request over limit',
  1111: 'system is busy, please retry later',
  1199: 'your requests are too frequent',
} as const;

/** One of the codes in {@link TUYA_ERRORS}. */
export type TuyaErrorCode = keyof typeof TUYA_ERRORS;

/** A failure a handler throws; the gateway turns it into a failure envelope. `detail` is for logs only. */
export class TuyaError extends Error {
  readonly code: TuyaErrorCode;

  constructor(code: TuyaErrorCode, detail?: string) {
    super(detail ? `${TUYA_ERRORS[code]}: ${detail}` : TUYA_ERRORS[code]);
    this.code = code;
  }
}

/** A success envelope. */
export interface SuccessEnvelope {
  result: unknown;
  success: true;
  t: number;
  tid: string;
}

/** A failure envelope. */
export interface FailureEnvelope {
  code: TuyaErrorCode;
  msg: string;
  success: false;
  t: number;
  tid: string;
}

/** `{"result", "success": true, "t", "tid"}`. */
export function successEnvelope(result: unknown, t: number, tid: string): SuccessEnvelope {
  return { result, success: true, t, tid };
}

/** `{"code", "msg", "success": false, "t", "tid"}` with the exact global message. */
export function failureEnvelope(code: TuyaErrorCode, t: number, tid: string): FailureEnvelope {
  return { code, msg: TUYA_ERRORS[code], success: false, t, tid };
}
