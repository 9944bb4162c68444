import { DriverError, type Endpoint } from '../driver.ts';
import { classifyTransportError } from '../http-client.ts';
import { createSessionHttp, type TerminalHttp } from '../session-http.ts';
import { errorFromAnswer, isRecord, parseErrorAnswer, unexpectedAnswer } from './errors.ts';

/** Every operation of the local API lives under this path: `/sophon/v2/face/<op>`. */
export const SOPHON_BASE_PATH = '/sophon/v2/face/';

/** The operations this driver calls. */
export type SophonOp = 'login' | 'getidentities' | 'deleteidentities' | 'deleteface';

/** Calls one operation of a Sophon terminal's local API. */
export interface SophonApi {
  /**
   * POSTs `body` as JSON to `/sophon/v2/face/<op>` and answers the parsed JSON object of a success.
   * Throws DriverError for error answers, unexpected bodies and transport failures, and the abort reason
   * (never a DriverError) when `signal` aborts.
   */
  call(op: SophonOp, body: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>>;
  /**
   * Like {@link SophonApi.call}, but a 2xx success is answered as whatever it carries: its parsed JSON (any
   * value), or undefined when the body is empty or not JSON (an HTML page). For answers that are evidence
   * only when they say so, never a reason to throw. Error bodies and non-2xx answers throw as in `call`.
   */
  callForAnswer(op: SophonOp, body: Record<string, unknown>, signal?: AbortSignal): Promise<unknown>;
}

/**
 * A Sophon API client for one endpoint. Each call has a hard deadline of `timeoutMs` (the whole exchange,
 * body included), on top of the HTTP client's idle timeout. Sessions send their requests through the light
 * client of `session-http.ts` (a removal job sends thousands).
 */
export function createSophonApi(endpoint: Endpoint, timeoutMs: number): SophonApi {
  const http = createSessionHttp(endpoint, timeoutMs);
  return {
    call: async (op, body, signal) => {
      const { status, text } = await exchange(http, timeoutMs, op, body, signal);
      return interpret(op, status, text);
    },
    callForAnswer: async (op, body, signal) => {
      const { status, text } = await exchange(http, timeoutMs, op, body, signal);
      return interpretAnswer(op, status, text);
    },
  };
}

/** The headers of every call (one object for all: the client does not change them). */
const JSON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json',
  Accept: 'application/json',
};

/** One POST and its raw answer; transport failures, the deadline and aborts are thrown. */
async function exchange(
  http: TerminalHttp,
  timeoutMs: number,
  op: SophonOp,
  body: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<{ status: number; text: unknown }> {
  signal?.throwIfAborted();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  let status: number;
  let text: unknown;
  try {
    const response = await http.request({
      method: 'POST',
      url: SOPHON_BASE_PATH + op,
      data: JSON.stringify(body),
      headers: JSON_HEADERS,
      signal: combined,
    });
    status = response.status;
    text = response.data;
  } catch (error) {
    if (signal?.aborted) throw abortReason(signal);
    if (deadline.signal.aborted) {
      throw new DriverError('retryable', 'The terminal did not answer in time.', 'TIMEOUT');
    }
    if (error instanceof Error && /maxContentLength/.test(error.message)) {
      throw unexpectedAnswer(op, 200, 'an answer larger than the size limit');
    }
    throw classifyTransportError(error);
  } finally {
    clearTimeout(timer);
  }
  return { status, text };
}

/** Reads an HTTP answer: the JSON object of a 2xx success, or throws the matching DriverError. */
export function interpret(op: string, status: number, text: unknown): Record<string, unknown> {
  const json = interpretAnswer(op, status, text);
  if (json === undefined) throw unexpectedAnswer(op, status, describeText(text));
  if (!isRecord(json)) throw unexpectedAnswer(op, status, 'JSON that is not an object');
  return json;
}

/**
 * Reads an HTTP answer leniently: a 2xx success answers its parsed JSON (any value) or undefined (empty or
 * not JSON); a Sophon error body (at any status) and any other non-2xx answer throw the matching DriverError.
 */
export function interpretAnswer(op: string, status: number, text: unknown): unknown {
  const json = parseJson(text);
  const answer = json === undefined ? undefined : parseErrorAnswer(json);
  if (answer) throw errorFromAnswer(answer, status, op);
  if (status >= 500) {
    throw new DriverError('retryable', `The terminal answered ${op} with HTTP ${status}.`, `HTTP_${status}`, status);
  }
  if (status < 200 || status >= 300) {
    throw unexpectedAnswer(op, status, json === undefined ? describeText(text) : 'not a Sophon error body');
  }
  return json;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describeText(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') return 'an empty body';
  return /^\s*</.test(text) ? 'HTML or XML instead of JSON' : 'a body that is not JSON';
}

/** The reason an aborted signal carries, or a standard AbortError when it carries none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}
