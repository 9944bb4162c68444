import axios, { type AxiosInstance } from 'axios';
import { DriverError, type Endpoint } from './driver.ts';

/**
 * An axios instance for a terminal on the LAN: never through a proxy (laptops often have one set for the
 * internet), a per-request timeout, no redirects, no status-based throwing (drivers read every status).
 */
export function createTerminalHttp(endpoint: Endpoint, timeoutMs: number): AxiosInstance {
  return axios.create({
    baseURL: `${endpoint.scheme}://${formatHost(endpoint.address)}:${endpoint.port}`,
    timeout: timeoutMs,
    proxy: false,
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxContentLength: 16 * 1024 * 1024,
  });
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
