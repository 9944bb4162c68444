import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Endpoint } from './driver.ts';

/** One request of a driver: a path from the terminal's origin, query parameters, an already serialised body. */
export interface TerminalRequestConfig {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path from the origin, e.g. `/api/v1/login`. */
  url: string;
  params?: Record<string, string | number>;
  /** The body as sent (the callers serialise their JSON); a `Content-Length` goes with it. */
  data?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A terminal's answer, whatever its status: the body as text (empty when there is none). */
export interface TerminalResponse {
  status: number;
  data: unknown;
}

/**
 * What the drivers' request code needs of an HTTP client. Both the axios client of `http-client.ts` (probes,
 * where discovery records every exchange through its interceptors) and {@link createSessionHttp} (the sessions'
 * many requests) have it.
 */
export interface TerminalHttp {
  request(config: TerminalRequestConfig): Promise<TerminalResponse>;
}

/** Largest body read (the axios client's `maxContentLength`). */
export const MAX_CONTENT_LENGTH = 16 * 1024 * 1024;

/**
 * Kept-alive connections shared by every session, as Node's global agent keeps them (and as axios used it),
 * but never through a proxy: these agents ignore `NODE_USE_ENV_PROXY` / `HTTP_PROXY` (laptops often have one
 * set for the internet; terminals are on the LAN). Idle connections close after 5 s, as the global agent's do.
 */
const AGENT_OPTIONS = { keepAlive: true, scheduling: 'lifo', timeout: 5_000 } as const;
const httpAgent = new HttpAgent(AGENT_OPTIONS);
const httpsAgent = new HttpsAgent(AGENT_OPTIONS);

/** An error of a request that got no usable answer, with a Node-style `code` as `classifyTransportError` reads it. */
class TransportError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The sessions' HTTP client for one terminal: `node:http` with a kept-alive agent, in place of axios for the
 * requests a removal job sends by the thousand (axios builds and merges a config, headers objects and
 * interceptor chains for every request: most of a job's garbage, issue 19). It behaves as `createTerminalHttp`
 * does for the drivers: never through a proxy, no redirects followed (a 3xx is answered as it is), every status
 * answered (never thrown), the body as text (gzip, deflate and br decoded), at most {@link MAX_CONTENT_LENGTH}
 * bytes, an idle time-out of `timeoutMs` (`ECONNABORTED`, "timeout of N ms exceeded"), and a request whose
 * reused kept-alive connection the terminal had already closed sent once more on a new one (see
 * `isStaleSocketError`). Transport failures reject with the socket's error (its `code`: ECONNREFUSED...); an
 * aborted `signal` rejects with a `ERR_CANCELED` error (callers throw the signal's reason instead).
 */
export function createSessionHttp(endpoint: Endpoint, timeoutMs: number): TerminalHttp {
  const secure = endpoint.scheme === 'https';
  // Node writes the Host header itself (brackets around an IPv6 literal included), as it did under axios.
  const host = endpoint.address.startsWith('[') ? endpoint.address.slice(1, -1) : endpoint.address;
  const origin: Origin = { host, port: endpoint.port, agent: secure ? httpsAgent : httpAgent };
  return {
    request: (config) => send(secure, origin, timeoutMs, config, false),
  };
}

type Origin = { host: string; port: number; agent: HttpAgent };

/** One exchange; `retried` once it is the second sending after a stale kept-alive connection. */
function send(
  secure: boolean,
  origin: Origin,
  timeoutMs: number,
  config: TerminalRequestConfig,
  retried: boolean,
): Promise<TerminalResponse> {
  return new Promise<TerminalResponse>((resolve, reject) => {
    const { signal } = config;
    if (signal?.aborted) {
      reject(new TransportError('canceled', 'ERR_CANCELED'));
      return;
    }
    const headers: Record<string, string | number> = {
      Accept: 'application/json, text/plain, */*',
      'Accept-Encoding': 'gzip, deflate, br',
      ...config.headers,
    };
    if (config.data !== undefined) headers['Content-Length'] = Buffer.byteLength(config.data);
    const request = (secure ? httpsRequest : httpRequest)({
      ...origin,
      method: config.method,
      path: pathOf(config),
      headers,
    });
    let settled = false;
    let answered = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      request.destroy();
      reject(error);
    };
    const onAbort = (): void => fail(new TransportError('canceled', 'ERR_CANCELED'));
    signal?.addEventListener('abort', onAbort, { once: true });
    request.setTimeout(timeoutMs, () => fail(new TransportError(`timeout of ${timeoutMs}ms exceeded`, 'ECONNABORTED')));
    request.on('error', (error: Error & { code?: string }) => {
      if (settled) return;
      // The terminal closed the kept-alive connection this request reused before reading it: send it once more.
      if (!retried && !answered && error.code === 'ECONNRESET' && request.reusedSocket && !signal?.aborted) {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        send(secure, origin, timeoutMs, config, true).then(resolve, reject);
        return;
      }
      fail(error);
    });
    request.on('response', (response) => {
      answered = true;
      readBody(response).then(
        (text) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          resolve({ status: response.statusCode ?? 0, data: text });
        },
        (error: Error) => fail(error),
      );
    });
    request.end(config.data);
  });
}

/** The path with its query string (parameters in the order given, as axios serialises plain values). */
function pathOf(config: TerminalRequestConfig): string {
  if (!config.params) return config.url;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(config.params)) query.append(key, String(value));
  const text = query.toString();
  return text === '' ? config.url : `${config.url}${config.url.includes('?') ? '&' : '?'}${text}`;
}

/** Reads a response body as UTF-8 text, decoded per its `Content-Encoding`, refusing more than the limit. */
function readBody(response: IncomingMessage): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
    const decoder =
      encoding === 'gzip' || encoding === 'x-gzip'
        ? createGunzip()
        : encoding === 'deflate'
          ? createInflate()
          : encoding === 'br'
            ? createBrotliDecompress()
            : null;
    const stream = decoder ? response.pipe(decoder) : response;
    if (decoder) response.on('error', (error) => decoder.destroy(error));
    const chunks: Buffer[] = [];
    let length = 0;
    stream.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_CONTENT_LENGTH) {
        stream.destroy();
        response.destroy();
        reject(new TransportError(`maxContentLength size of ${MAX_CONTENT_LENGTH} exceeded`, 'ERR_BAD_RESPONSE'));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => {
      resolve(
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks, length).toString('utf8'),
      );
    });
  });
}
