import type { AxiosInstance } from 'axios';
import type { Credentials } from '../../secrets/secret-store.ts';
import type { Endpoint, ProbeResult } from '../driver.ts';
import { createTerminalHttp } from '../http-client.ts';
import { SOPHON_BASE_PATH, abortReason } from './api.ts';
import { IdentitiesPageSchema, LoginSchema } from './answers.ts';
import { CODE_NAMES, PASSWORD_ERROR, parseErrorAnswer } from './errors.ts';

/** The API version this driver speaks (the `/sophon/v2/` paths). */
export const SOPHON_API_VERSION = 'v2';

/**
 * The error codes the Sophon documents name (PROTOCOLS.md §1 and the error tables): an error envelope carrying
 * one of them is the vendor's own answer, whatever the HTTP status.
 */
const SOPHON_CODES = new Set([
  ...Object.values(CODE_NAMES),
  'ID_NOT_FOUND',
  'INVALID_ARGUMENTS',
  'MISSING_ARGUMENTS',
  'INVALID_REQUEST_JSON',
  'UNSUPPORT_CONTENT_TYPE',
  'GROUP_LEN_ERROR',
  PASSWORD_ERROR,
  'INTERNAL_ERROR',
]);

/** One answer of a Sophon operation, read as far as identification needs. */
type Reading =
  | { is: 'page'; total: number }
  | { is: 'login'; result: boolean }
  | { is: 'vendor-error'; code: string }
  | { is: 'other' }
  | { is: 'no-answer' };

/**
 * Whether a parsed body is a Sophon error envelope `{"error": {"code", "message", "status"}}` with a
 * documented code name (an integer code counts when the envelope also carries its `status` text, as
 * Sophon's does: a bare `{"error": {"code": 1}}` is anybody's). Answers the code, or null.
 */
export function sophonErrorCode(json: unknown): string | null {
  const answer = parseErrorAnswer(json);
  if (!answer || !SOPHON_CODES.has(answer.code)) return null;
  if (answer.numeric !== null && answer.status === '') return null;
  return answer.code;
}

/**
 * Read-only, credential-free probe: one `getidentities` call for a single person. An answer with the Sophon
 * shape (an `identities` array and `pagination.total_count`) identifies a Sophon v2 terminal with its people
 * count; so does the vendor's error envelope with a documented code ({@link sophonErrorCode}: the terminal
 * answered, in its own words, but would not list), without a count. Anything else (another device's 404 or
 * HTML, other JSON, a refused connection, a timeout) answers null.
 * Fields the driver does not use may carry numbers where the examples show strings (`user_type`, a
 * person's `type`): they do not make a Sophon terminal unrecognisable (issue 15).
 * Serial, model and firmware are null: the API has no device-info operation (discovery reads them from the
 * mDNS TXT record). Throws only the abort reason when `signal` aborts.
 */
export function probeSophon(endpoint: Endpoint, timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult | null> {
  return probeSophonOver(createTerminalHttp(endpoint, timeoutMs), timeoutMs, signal);
}

/** {@link probeSophon} over a given HTTP client (discovery passes one that records what was asked). */
export async function probeSophonOver(
  http: AxiosInstance,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ProbeResult | null> {
  const reading = await read(http, 'getidentities', { page_limit: 1, page_index: 0 }, timeoutMs, signal);
  if (reading.is === 'page') return resultOf(reading.total);
  return reading.is === 'vendor-error' ? resultOf(null) : null;
}

/** What a Sophon identification with the technician's credentials found. */
export interface SophonVerification {
  /** The terminal, when an answer was recognisably Sophon's; null otherwise. */
  result: ProbeResult | null;
  /** What the terminal said of the credentials: accepted, refused (PASSWORD_ERROR), or null (no word). */
  credentials: 'ok' | 'rejected' | null;
}

/**
 * Read-only identification with credentials, for a terminal the credential-free probe could not read: `login`
 * and then one `getidentities` page. The terminal is recognised by a Sophon page or by the vendor's error
 * envelope on either call; `{"result": true}` alone says nothing (any device may answer so). The first
 * transport failure ends it. Throws only the abort reason.
 */
export async function verifySophon(
  http: AxiosInstance,
  credentials: Credentials,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<SophonVerification> {
  const body = { username: credentials.username, password: credentials.password };
  const login = await read(http, 'login', body, timeoutMs, signal);
  if (login.is === 'no-answer') return { result: null, credentials: null };
  const page = await read(http, 'getidentities', { page_limit: 1, page_index: 0 }, timeoutMs, signal);
  const said: SophonVerification['credentials'] =
    login.is === 'login'
      ? login.result
        ? 'ok'
        : 'rejected'
      : login.is === 'vendor-error'
        ? refusal(login.code)
        : null;
  if (page.is === 'page') return { result: resultOf(page.total), credentials: said };
  const recognised = login.is === 'vendor-error' || page.is === 'vendor-error';
  return recognised ? { result: resultOf(null), credentials: said } : { result: null, credentials: null };
}

function refusal(code: string): SophonVerification['credentials'] {
  return code === PASSWORD_ERROR ? 'rejected' : null;
}

function resultOf(peopleCount: number | null): ProbeResult {
  return {
    kind: 'sophon',
    apiVersion: SOPHON_API_VERSION,
    serial: null,
    model: null,
    firmware: null,
    name: null,
    peopleCount,
    capacity: null,
  };
}

/**
 * POSTs one operation and reads its answer. The whole exchange, body included, must finish within
 * `timeoutMs`; a transport failure or the deadline is `no-answer`. Throws only the caller's abort reason.
 */
async function read(
  http: AxiosInstance,
  op: 'login' | 'getidentities',
  body: Record<string, unknown>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Reading> {
  signal?.throwIfAborted();
  const deadline = AbortSignal.timeout(timeoutMs);
  let status: number;
  let text: unknown;
  try {
    const response = await http.post<unknown>(SOPHON_BASE_PATH + op, JSON.stringify(body), {
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
    });
    status = response.status;
    text = response.data;
  } catch {
    if (signal?.aborted) throw abortReason(signal);
    return { is: 'no-answer' };
  }
  const json = parseJson(text);
  const code = sophonErrorCode(json);
  if (code !== null) return { is: 'vendor-error', code };
  if (status < 200 || status > 299) return { is: 'other' };
  if (op === 'login') {
    const login = LoginSchema.safeParse(json);
    return login.success ? { is: 'login', result: login.data.result } : { is: 'other' };
  }
  const page = IdentitiesPageSchema.safeParse(json);
  return page.success ? { is: 'page', total: page.data.pagination.total_count } : { is: 'other' };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
