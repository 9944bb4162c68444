import { AppError, type ErrorCode } from '../../../../shared/errors.ts';

/**
 * What went wrong with a Tuya cloud call, as a closed set:
 * - `auth`: client id, secret or token refused (1002, 1004, 1005, 1010, 1011, 1012, 1003);
 * - `clock`: the `t` header is too far from the cloud's clock (1013);
 * - `forbidden`: the cloud project does not allow this account (1106);
 * - `throttled`: too many requests (1110, 1111, 1199);
 * - `server`: the cloud failed (code 500, HTTP 5xx);
 * - `network`: no answer at all (no internet, DNS, refused, timeout, dropped);
 * - `not-found`: data not exist (1000);
 * - `invalid`: the cloud refused a parameter or the path (1100, 1101, 1108, 1109, other codes);
 * - `bad-response`: an answer that is not the Tuya envelope or not the documented result;
 * - `cancelled`: the caller aborted.
 */
export const TUYA_ERROR_KINDS = [
  'auth',
  'clock',
  'forbidden',
  'throttled',
  'server',
  'network',
  'not-found',
  'invalid',
  'bad-response',
  'cancelled',
] as const;

/** One of {@link TUYA_ERROR_KINDS}. */
export type TuyaErrorKind = (typeof TUYA_ERROR_KINDS)[number];

/** Tuya codes that mean "this access token is not (or no longer) valid": refresh once, then retry. */
export const TOKEN_RETRY_CODES: ReadonlySet<number> = new Set([1010, 1011]);

/** Tuya codes a refresh token fails with when it is expired, unknown or already used: get a fresh grant. */
export const REFRESH_FAILED_CODES: ReadonlySet<number> = new Set([1002, 1010, 1011, 1012]);

/** Tuya throttling codes: concurrent requests over limit, system busy, requests too frequent. */
export const THROTTLE_CODES: ReadonlySet<number> = new Set([1110, 1111, 1199]);

const APP_CODE: Record<TuyaErrorKind, ErrorCode> = {
  auth: 'UNAUTHORIZED',
  clock: 'UNAUTHORIZED',
  forbidden: 'UNAUTHORIZED',
  throttled: 'NETWORK',
  server: 'NETWORK',
  network: 'NETWORK',
  'not-found': 'NOT_FOUND',
  invalid: 'VALIDATION',
  'bad-response': 'INTERNAL',
  cancelled: 'CANCELLED',
};

/** What the technician is told, per kind (1013 adds the measured offset; see {@link tuyaErrorFromCode}). */
export const TUYA_ERROR_SENTENCES: Record<TuyaErrorKind, string> = {
  auth:
    'The Tuya cloud rejected the app (sign invalid or credentials refused). Check the Access ID (client id) and ' +
    'Access Secret of the cloud project, and that the laptop clock is set correctly, then try again.',
  clock:
    'The Tuya cloud refused the request time: the laptop clock is off. Set the date, time and time zone of the ' +
    'laptop correctly (automatic time), then try again.',
  forbidden:
    'The Tuya cloud project does not allow this account to do this (permission denied). Check the project id and ' +
    'that the building access control services are authorised for this Access ID in the cloud project.',
  throttled: 'The Tuya cloud is busy and kept refusing requests after several retries. Wait a minute, then try again.',
  server:
    'The Tuya cloud had an internal error and kept failing after several retries. Try again later; ' +
    'if it persists, contact Tuya support.',
  network:
    'The Tuya cloud cannot be reached: there is no internet connection, or the cloud is unreachable from this ' +
    'network (data centre address, proxy or firewall). The work is queued and continues once the cloud answers again.',
  'not-found':
    'The Tuya cloud has no such item (data not exist). It may have been removed in the cloud: refresh and try again.',
  invalid:
    'The Tuya cloud refused the request as invalid. Check the data centre address and the project id; if they are ' +
    'right, report this to the app maintainers.',
  'bad-response':
    'The Tuya cloud sent an answer the app does not understand. Check the data centre address; if it is right, ' +
    'report this to the app maintainers.',
  cancelled: 'The Tuya cloud call was cancelled.',
};

/** Fields of a {@link TuyaError}. */
export interface TuyaErrorInit {
  kind: TuyaErrorKind;
  /** The English sentence for the technician (default: the kind's sentence). */
  message?: string;
  /** Tuya's numeric code, when the cloud answered with one. */
  tuyaCode?: number | null;
  /** Tuya's own `msg`, verbatim. */
  tuyaMsg?: string | null;
  httpStatus?: number | null;
  /** False when the request certainly did not reach the cloud's business logic (safe to repeat anything). */
  mayHaveArrived?: boolean;
  /** Technical detail for logs (transport code, validation issue, ...). */
  detail?: string | null;
}

/**
 * A failed Tuya cloud call: an {@link AppError} (code by kind) that also keeps the Tuya code, Tuya's `msg`
 * verbatim, the HTTP status and whether repeating the call is safe. `message` is a sentence for the technician.
 */
export class TuyaError extends AppError {
  readonly kind: TuyaErrorKind;
  readonly tuyaCode: number | null;
  readonly tuyaMsg: string | null;
  readonly httpStatus: number | null;
  readonly mayHaveArrived: boolean;
  readonly detail: string | null;

  constructor(init: TuyaErrorInit) {
    const tuyaCode = init.tuyaCode ?? null;
    const tuyaMsg = init.tuyaMsg ?? null;
    const detail = init.detail ?? null;
    super(APP_CODE[init.kind], init.message ?? TUYA_ERROR_SENTENCES[init.kind], {
      source: 'tuya',
      kind: init.kind,
      tuyaCode,
      tuyaMsg,
      ...(detail === null ? {} : { detail }),
    });
    this.name = 'TuyaError';
    this.kind = init.kind;
    this.tuyaCode = tuyaCode;
    this.tuyaMsg = tuyaMsg;
    this.httpStatus = init.httpStatus ?? null;
    this.mayHaveArrived = init.mayHaveArrived ?? true;
    this.detail = detail;
  }

  /** Throttling, server failures and network failures are worth another (bounded) attempt. */
  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'server' || this.kind === 'network';
  }

  /** The same error, marked as certainly not delivered (it happened before the business call was sent). */
  notDelivered(): TuyaError {
    return new TuyaError({
      kind: this.kind,
      message: this.message,
      tuyaCode: this.tuyaCode,
      tuyaMsg: this.tuyaMsg,
      httpStatus: this.httpStatus,
      mayHaveArrived: false,
      detail: this.detail,
    });
  }
}

function kindOfCode(code: number): TuyaErrorKind {
  if (THROTTLE_CODES.has(code)) return 'throttled';
  if ([1002, 1003, 1004, 1005, 1010, 1011, 1012].includes(code)) return 'auth';
  if (code === 1013) return 'clock';
  if (code === 1106) return 'forbidden';
  if (code === 1000) return 'not-found';
  if (code === 500 || code === 501) return 'server';
  return 'invalid';
}

/** Context of a failure envelope: the cloud's `t` and the laptop clock, to tell how far off the clock is. */
export interface CodeContext {
  serverTime?: number | null;
  now?: number;
  httpStatus?: number | null;
}

function clockSentence(context: CodeContext): string {
  if (context.serverTime === undefined || context.serverTime === null || context.now === undefined) {
    return TUYA_ERROR_SENTENCES.clock;
  }
  const minutes = Math.round(Math.abs(context.now - context.serverTime) / 60_000);
  const direction = context.now > context.serverTime ? 'ahead' : 'behind';
  return TUYA_ERROR_SENTENCES.clock.replace(
    'the laptop clock is off.',
    `the laptop clock is off (about ${minutes} minutes ${direction}).`,
  );
}

/** Maps a failure envelope `{success: false, code, msg}` to a {@link TuyaError} with the technician's sentence. */
export function tuyaErrorFromCode(code: number, msg: string | null, context: CodeContext = {}): TuyaError {
  const kind = kindOfCode(code);
  let message = TUYA_ERROR_SENTENCES[kind];
  if (kind === 'clock') message = clockSentence(context);
  if (code === 1005) {
    message =
      'The Tuya cloud does not know this Access ID (client id invalid). Check the Access ID and the data centre ' +
      'address of the cloud project.';
  }
  if (code === 1108) {
    message =
      'The Tuya cloud does not offer this API here (uri path invalid). Check the data centre address and that the ' +
      'building access control service is subscribed for the cloud project.';
  }
  return new TuyaError({
    kind,
    message,
    tuyaCode: code,
    tuyaMsg: msg,
    httpStatus: context.httpStatus ?? null,
    // A refused request (throttled, signature, token) never reached the business logic.
    mayHaveArrived: kind === 'server' || kind === 'invalid',
  });
}

/** Transport codes that mean the connection was never made: the request certainly did not arrive. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ERR_PROXY_CONNECTION_FAILED',
]);

/** Maps a transport failure (no HTTP answer) to a `network` {@link TuyaError}; cancellations to `cancelled`. */
export function tuyaErrorFromTransport(error: unknown, aborted = false): TuyaError {
  if (error instanceof TuyaError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (aborted || code === 'ERR_CANCELED') return new TuyaError({ kind: 'cancelled', mayHaveArrived: true });
  const codeText = typeof code === 'string' ? code : null;
  return new TuyaError({
    kind: 'network',
    mayHaveArrived: codeText === null || !NOT_CONNECTED.has(codeText),
    detail: codeText === null ? text : `${codeText}: ${text}`,
  });
}
