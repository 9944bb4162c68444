import { DriverError } from '../driver.ts';
import { classifyTransportError } from '../http-client.ts';
import type { TerminalHttp } from '../session-http.ts';
import { parseJson } from './json.ts';

/** One HTTP request to a panel. */
export interface BasipRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path from the origin, e.g. `/api/v1/login`. */
  path: string;
  params?: Record<string, string | number>;
  /** Sent as JSON when present. */
  body?: unknown;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
}

/** A panel's answer, whatever its status: the raw text and its JSON (undefined when not JSON). */
export interface BasipAnswer {
  status: number;
  text: string;
  json: unknown;
}

/**
 * Sends one request and returns the answer whatever its status. The whole exchange, body included, must
 * finish within `timeoutMs` (a dribbling panel counts as timed out). Throws the caller's abort reason when
 * `signal` aborts, else a classified DriverError when no answer came (refused, dropped, timed out).
 */
export async function sendRequest(
  http: TerminalHttp,
  request: BasipRequest,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<BasipAnswer> {
  signal?.throwIfAborted();
  const deadline = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.token !== undefined) headers.Authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const response = await http.request({
      method: request.method,
      url: request.path,
      ...(request.params ? { params: request.params } : {}),
      ...(request.body === undefined ? {} : { data: JSON.stringify(request.body) }),
      headers,
      signal: combined,
    });
    const text = typeof response.data === 'string' ? response.data : '';
    return { status: response.status, text, json: parseJson(text) };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (deadline.aborted) throw new DriverError('retryable', 'The panel did not answer in time.', 'TIMEOUT');
    throw classifyTransportError(error);
  }
}

/** Waits for `promise`, but rejects with the abort reason as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
