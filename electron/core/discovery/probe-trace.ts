import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import {
  MAX_PROBE_ATTEMPTS,
  type ProbeAttempt,
  type ProbeFailure,
  type ProbeKind,
} from '../../../shared/domain/terminal.ts';
import type { Endpoint } from '../drivers/driver.ts';
import { createTerminalHttp } from '../drivers/http-client.ts';
import { sanitizeAdvertisedText } from './advertisement.ts';

/** Longest excerpt kept of one answer. */
export const MAX_EXCERPT = 120;

/** Bodies longer than this are not parsed as JSON for an excerpt (their first characters are kept). */
const MAX_PARSED_BODY = 64 * 1024;

/** Most keys of a JSON object named in an excerpt. */
const MAX_KEYS = 8;

/** Collects what identifying one device tried and what each request got back. */
export interface ProbeRecorder {
  /**
   * An HTTP client for `endpoint` (the drivers' own settings) whose every exchange is recorded as an attempt
   * of `kind`; `authenticated` marks requests that carry the technician's credentials.
   */
  http(endpoint: Endpoint, timeoutMs: number, kind: ProbeKind | null, authenticated: boolean): AxiosInstance;
  /** Records an attempt made without one of these clients (the plain HTTP check). */
  record(attempt: ProbeAttempt): void;
  /** Every attempt so far, oldest first (at most {@link MAX_PROBE_ATTEMPTS}). */
  attempts(): ProbeAttempt[];
  /** Whether some request to `port` got an HTTP answer, whatever its status. */
  answered(port: number): boolean;
  /** Whether the last request to `port` got no answer at all (refused, timed out, dropped...). */
  lastFailed(port: number): boolean;
}

/**
 * Creates a {@link ProbeRecorder}. Texts in `secrets` (a password, its MD5 in either case) are cut out of
 * every excerpt, in case a device echoes what it was sent; excerpts never carry JSON values other than an
 * error body's, so tokens and people's names are not kept.
 */
export function createProbeRecorder(secrets: readonly string[] = []): ProbeRecorder {
  const list: ProbeAttempt[] = [];
  const seen = new WeakSet<object>();
  const hidden = secrets.filter((s) => s.length >= 3);
  const record = (attempt: ProbeAttempt): void => {
    if (list.length < MAX_PROBE_ATTEMPTS) list.push(attempt);
  };
  const onPort = (port: number): ProbeAttempt[] => list.filter((a) => a.port === port);
  return {
    http(endpoint, timeoutMs, kind, authenticated) {
      const http = createTerminalHttp(endpoint, timeoutMs);
      const base = { kind, authenticated, port: endpoint.port };
      http.interceptors.response.use(
        (response) => {
          // A request sent again (stale kept-alive socket) passes here twice with one answer: record it once.
          if (!seen.has(response)) {
            seen.add(response);
            record({ ...base, ...answered(response, hidden) });
          }
          return response;
        },
        (error: unknown) => {
          const config = axios.isAxiosError(error) ? error.config : undefined;
          record({
            ...base,
            request: requestLine(config?.method, config?.url),
            status: null,
            contentType: null,
            excerpt: '',
            failure: failureOf(error),
          });
          throw error;
        },
      );
      return http;
    },
    record,
    attempts: () => [...list],
    answered: (port) => onPort(port).some((a) => a.status !== null),
    lastFailed: (port) => onPort(port).at(-1)?.failure != null,
  };
}

function answered(
  response: AxiosResponse,
  hidden: readonly string[],
): Omit<ProbeAttempt, 'kind' | 'authenticated' | 'port'> {
  const type = response.headers['content-type'] as unknown;
  return {
    request: requestLine(response.config.method, response.config.url),
    status: response.status,
    contentType: typeof type === 'string' && type.trim() !== '' ? sanitizeAdvertisedText(type, 100) : null,
    excerpt: excerptOf(response.data, hidden),
    failure: null,
  };
}

/** `METHOD /path`, without the query (a BAS-IP login's query carries the password hash). */
export function requestLine(method: string | undefined, url: string | undefined): string {
  const path = (url ?? '/').split(/[?#]/)[0] ?? '/';
  return sanitizeAdvertisedText(`${(method ?? 'get').toUpperCase()} ${path}`, 160);
}

/**
 * A short, safe excerpt of an answer body: an error body as it came (`{"error":"Log In"}`, the vendor's own
 * words), another JSON object as its keys with the values left out (`{"token":…,"account_type":…}`), an array
 * as `[…]`, and text (HTML, plain) as its first characters; control characters removed, `hidden` texts cut.
 * A stream (a body the app did not read) or an empty body is ''.
 */
export function excerptOf(body: unknown, hidden: readonly string[] = []): string {
  if (typeof body !== 'string' || body.trim() === '') return '';
  const json = body.length <= MAX_PARSED_BODY ? parseJson(body) : undefined;
  let text: string;
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    text =
      'error' in record
        ? JSON.stringify({ error: record.error }).slice(0, 4 * MAX_EXCERPT)
        : `{${Object.keys(record)
            .slice(0, MAX_KEYS)
            .map((key) => `${JSON.stringify(key.slice(0, 32))}:…`)
            .join(',')}${Object.keys(record).length > MAX_KEYS ? ',…' : ''}}`;
  } else if (Array.isArray(json)) {
    text = '[…]';
  } else {
    text = body.slice(0, 4 * MAX_EXCERPT);
  }
  for (const secret of hidden) text = text.split(secret).join('***');
  return sanitizeAdvertisedText(text, MAX_EXCERPT);
}

/** Why a request got no answer, from the transport error. */
export function failureOf(error: unknown): ProbeFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if (/maxContentLength/i.test(message)) return 'too-large';
  if (typeof code !== 'string') return /socket hang up/i.test(message) ? 'dropped' : 'other';
  if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) {
    return 'unreachable';
  }
  if (['ERR_CANCELED', 'ECONNABORTED', 'ETIMEDOUT'].includes(code)) return 'timeout';
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message)) return 'dropped';
  return 'other';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
