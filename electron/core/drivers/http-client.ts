import axios, { type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { DriverError, type Endpoint } from './driver.ts';

/**
 * An axios instance for a terminal on the LAN: never through a proxy (laptops often have one set for the
 * internet), a per-request timeout, no redirects, no status-based throwing (drivers read every status).
 */
export function createTerminalHttp(endpoint: Endpoint, timeoutMs: number): AxiosInstance {
  const http = axios.create({
    baseURL: `${endpoint.scheme}://${formatHost(endpoint.address)}:${endpoint.port}`,
    timeout: timeoutMs,
    proxy: false,
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxContentLength: 16 * 1024 * 1024,
  });
  http.interceptors.response.use(undefined, (error: unknown) => {
    const config = axios.isAxiosError(error) ? (error.config as RetriableConfig | undefined) : undefined;
    if (!config || config[STALE_SOCKET_RETRIED] || config.signal?.aborted || !isStaleSocketError(error)) throw error;
    return http.request({ ...config, [STALE_SOCKET_RETRIED]: true } as RetriableConfig);
  });
  return http;
}

/** Set on a request's config once it was sent again after a stale kept-alive connection (at most once). */
const STALE_SOCKET_RETRIED = 'fcomStaleSocketRetried';

type RetriableConfig = InternalAxiosRequestConfig & { [STALE_SOCKET_RETRIED]?: boolean };

/**
 * True when a request failed because the kept-alive connection it reused had been closed by the terminal
 * (ECONNRESET / "socket hang up" on a reused socket, before any answer). Devices close idle connections
 * after a few seconds; when the app's event loop was busy (planning a big job), its own idle timer has not
 * yet dropped that connection and the next request goes out on it. The terminal never read that request, so
 * it is sent once more on a new connection (Node's documented remedy: `request.reusedSocket`), instead of
 * counting as an unanswered request that the removal engine must settle by re-reading the whole list.
 */
export function isStaleSocketError(error: unknown): boolean {
  if (!axios.isAxiosError(error) || error.response) return false;
  const request = error.request as { reusedSocket?: unknown } | undefined;
  return error.code === 'ECONNRESET' && request?.reusedSocket === true;
}

/** Brackets an IPv6 literal for use in a URL. */
export function formatHost(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Classifies a transport failure (no HTTP answer): the terminal is `offline` when the connection could not
 * be made at all, `retryable` when it was made and then timed out or dropped. Cancellation is re-thrown as is.
 */
export function classifyTransportError(error: unknown): DriverError {
  if (error instanceof DriverError) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (OFFLINE_CODES.has(code)) return new DriverError('offline', `The terminal does not answer (${code}).`, code);
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return new DriverError('retryable', 'The terminal did not answer in time.', code || 'TIMEOUT');
  }
  return new DriverError('retryable', `The connection to the terminal failed: ${message}`, code || null);
}
