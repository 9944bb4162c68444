import axios, { type AxiosInstance, type AxiosProxyConfig } from 'axios';
import { z } from 'zod';
import type { CallPacer } from '../aliyun/client.ts';
import { createAdaptivePacer } from '../jobs/pacer.ts';
import { DEFAULT_BACKOFF, fullJitterDelay, raceAbort, realSleep, throwIfAborted } from './backoff.ts';
import type { BackoffPolicy, Random, Sleep } from './backoff.ts';
import { TOKEN_RETRY_CODES, TuyaError, THROTTLE_CODES, tuyaErrorFromCode, tuyaErrorFromTransport } from './errors.ts';
import { camelizeKeys } from './keys.ts';
import { signRequest, type QueryValue } from './signature.ts';
import { TokenKeeper, type TokenPair, type TokenStats } from './tokens.ts';

/** Options of {@link createTuyaClient}. */
export interface TuyaClientOptions {
  /** The data centre's origin, e.g. https://openapi.tuyaeu.com (China, Western America, Central Europe, India...). */
  baseUrl: string;
  /** The cloud project's Access ID. */
  clientId: string;
  /** The cloud project's Access Secret. */
  clientSecret: string;
  /** The laptop clock (default Date.now): signs `t` and times token expiry. */
  now?: () => number;
  /** Per-request timeout (default 20 s). */
  fetchTimeoutMs?: number;
  /**
   * Proxy for the cloud. Left out: axios's default behaviour (the HTTP(S)_PROXY / NO_PROXY environment), which
   * an office or site network may need; `false` never uses one; an object names one explicitly.
   */
  proxy?: AxiosProxyConfig | false;
  /** Retries on throttling, HTTP 5xx and network failures (default {@link DEFAULT_BACKOFF}). */
  backoff?: Partial<BackoffPolicy>;
  /** Injectable wait (default: a real, abortable timer). */
  sleep?: Sleep;
  /** Injectable jitter source (default Math.random). */
  random?: Random;
  /** Refresh the token when less than this is left (default 5 minutes). */
  refreshMarginMs?: number;
  /**
   * The most requests per second the client sends (read at every call; default {@link DEFAULT_TUYA_RPS}): the
   * ceiling of its pacer, which learns the project's quota from throttling answers below it.
   */
  requestsPerSecond?: () => number;
  /** The pacer every HTTP exchange of the client waits for (default: an adaptive one of its own). */
  pacer?: CallPacer;
  /** The default pacer's wait (default `sleep`); tests keep pacing waits apart from back-off waits. */
  paceSleep?: Sleep;
  /**
   * How long one call may keep meeting throttling answers before it fails `throttled` (default 10 minutes).
   * Throttled attempts are waited out through the pacer and never count as failed attempts.
   */
  throttleWaitMs?: number;
}

/** Throttled attempts of one call before it fails anyway (a guard beside the time limit). */
const MAX_THROTTLED_ATTEMPTS = 2000;

/** The client's default ceiling: 10 requests per second (the `requestsPerSecond` setting overrides it). */
export const DEFAULT_TUYA_RPS = 10;

/** One business call. */
export interface TuyaRequest {
  method: 'GET' | 'POST';
  /** Path without the query, e.g. /v1.0/iot-02/building/access-auth. */
  path: string;
  /** Query parameters (sent and signed sorted by key). */
  query?: Readonly<Record<string, QueryValue>>;
  /** JSON body (POST). */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Whether repeating the call is harmless (default true). Calls that create something (an issue) set false:
   * they are then only repeated when the cloud surely did not get them (throttled, refused, never connected).
   */
  idempotent?: boolean;
}

/** A client of one Tuya cloud project: signs, keeps the token fresh, retries what is worth retrying. */
export interface TuyaClient {
  readonly baseUrl: string;
  /**
   * Performs a business call and answers its `result` with keys normalised to camelCase. Fails with a
   * {@link TuyaError} (an AppError) carrying the Tuya code, the vendor msg and a sentence for the technician.
   */
  request(request: TuyaRequest): Promise<unknown>;
  /** A valid token pair (granted or refreshed when needed). */
  token(signal?: AbortSignal): Promise<TokenPair>;
  /** Token grants and refreshes made so far. */
  tokenStats(): TokenStats;
  /** Requests sent and throttling answers met so far (every call of this client). */
  pacingStats(): PacingStats;
}

/** What a client's pacing met. */
export interface PacingStats {
  /** HTTP exchanges sent (each attempt, throttled ones included). */
  requests: number;
  /** Throttling answers (1110, 1111, 1199). */
  throttled: number;
}

const EnvelopeSchema = z.object({
  success: z.boolean(),
  result: z.unknown().optional(),
  code: z.union([z.number(), z.string()]).nullish(),
  msg: z.string().nullish(),
  t: z.union([z.number(), z.string()]).nullish(),
});

type Envelope = z.infer<typeof EnvelopeSchema>;

const TokenResultSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expireTime: z.coerce.number().positive(),
  uid: z.union([z.string(), z.number()]).transform(String).optional(),
});

const TOKEN_PATH = '/v1.0/token';

function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TuyaError({ kind: 'invalid', message: `The Tuya data centre address "${baseUrl}" is not a URL.` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TuyaError({ kind: 'invalid', message: `The Tuya data centre address must be http(s): ${baseUrl}.` });
  }
  return url.origin;
}

function badResponse(detail: string, httpStatus: number): TuyaError {
  return new TuyaError({ kind: 'bad-response', httpStatus, detail });
}

/**
 * Creates a client for the Tuya cloud OpenAPI (PROTOCOLS §3): HMAC-SHA256 signing, token grant and refresh
 * (before expiry, and once on 1010/1011), single-flight renewal, backoff with full jitter on throttling
 * (1110/1111/1199), HTTP 5xx, code 500 and network failures, and errors mapped to {@link TuyaError}.
 */
export function createTuyaClient(options: TuyaClientOptions): TuyaClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const timeoutMs = options.fetchTimeoutMs ?? 20_000;
  const throttleWaitMs = options.throttleWaitMs ?? 600_000;
  // One pacer per client, so per cloud configuration: every call of the app (pushes, follows, channel lists,
  // the permissions browser) shares the project's quota instead of throttling each other.
  const pacer: CallPacer =
    options.pacer ??
    createAdaptivePacer({
      ceiling: options.requestsPerSecond ?? (() => DEFAULT_TUYA_RPS),
      now,
      sleep: options.paceSleep ?? sleep,
    });
  const stats: PacingStats = { requests: 0, throttled: 0 };
  const http: AxiosInstance = axios.create({
    baseURL: baseUrl,
    timeout: timeoutMs,
    ...(options.proxy === undefined ? {} : { proxy: options.proxy }),
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxContentLength: 32 * 1024 * 1024,
  });

  /** One HTTP exchange: signs with the token (business) or without (token calls), parses the envelope. */
  async function send(
    method: 'GET' | 'POST',
    path: string,
    query: Readonly<Record<string, QueryValue>> | undefined,
    body: unknown,
    accessToken: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Envelope> {
    throwIfAborted(signal);
    const bodyText = body === undefined ? '' : JSON.stringify(body);
    // Every exchange waits for its slot first (then `t` is the time it really leaves).
    const ticket = await pacer.acquire(signal);
    stats.requests += 1;
    const signed = signRequest({
      clientId: options.clientId,
      secret: options.clientSecret,
      ...(accessToken === undefined ? {} : { accessToken }),
      method,
      path,
      ...(query === undefined ? {} : { query }),
      body: bodyText,
      now: now(),
    });
    const headers = bodyText === '' ? signed.headers : { ...signed.headers, 'Content-Type': 'application/json' };
    let status: number;
    let text: string;
    // axios's `timeout` only bounds idle time: this deadline bounds the whole exchange (a dribbled body too).
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      const response = await http.request<string>({
        method,
        url: signed.url,
        headers,
        ...(bodyText === '' ? {} : { data: bodyText }),
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      });
      status = response.status;
      text = typeof response.data === 'string' ? response.data : String(response.data);
    } catch (error) {
      if (deadline.aborted && signal?.aborted !== true) {
        throw tuyaErrorFromTransport(
          Object.assign(new Error(`timeout of ${timeoutMs}ms exceeded`), { code: 'ECONNABORTED' }),
        );
      }
      throw tuyaErrorFromTransport(error, signal?.aborted === true);
    }
    let envelope: Envelope | undefined;
    try {
      const parsed = EnvelopeSchema.safeParse(JSON.parse(text));
      if (parsed.success) envelope = parsed.data;
    } catch {
      envelope = undefined;
    }
    if (envelope && envelope.success === false && THROTTLE_CODES.has(Number(envelope.code))) {
      stats.throttled += 1;
      pacer.throttled(ticket);
    }
    if (status >= 500) {
      const code = Number(envelope?.code);
      if (THROTTLE_CODES.has(code)) throw tuyaErrorFromCode(code, envelope?.msg ?? null, { httpStatus: status });
      throw new TuyaError({ kind: 'server', httpStatus: status, detail: `HTTP ${status}` });
    }
    if (!envelope) throw badResponse(`HTTP ${status}: not a Tuya envelope: ${text.slice(0, 200)}`, status);
    return envelope;
  }

  function failure(envelope: Envelope): TuyaError {
    const code = Number(envelope.code);
    if (!Number.isFinite(code)) {
      return new TuyaError({ kind: 'bad-response', tuyaMsg: envelope.msg ?? null, detail: 'failure without a code' });
    }
    const serverTime = envelope.t === undefined || envelope.t === null ? null : Number(envelope.t);
    return tuyaErrorFromCode(code, envelope.msg ?? null, { serverTime, now: now() });
  }

  async function tokenCall(path: string, query: Readonly<Record<string, QueryValue>> | undefined): Promise<TokenPair> {
    const startedAt = now();
    const envelope = await send('GET', path, query, undefined, undefined, undefined);
    if (!envelope.success) throw failure(envelope);
    const parsed = TokenResultSchema.safeParse(camelizeKeys(envelope.result));
    if (!parsed.success) throw badResponse(`token result: ${parsed.error.message}`, 200);
    const lifetimeMs = parsed.data.expireTime * 1000;
    return {
      accessToken: parsed.data.accessToken,
      refreshToken: parsed.data.refreshToken,
      uid: parsed.data.uid ?? '',
      expiresAt: startedAt + lifetimeMs,
      lifetimeMs,
    };
  }

  const keeper = new TokenKeeper({
    now,
    ...(options.refreshMarginMs === undefined ? {} : { refreshMarginMs: options.refreshMarginMs }),
    calls: {
      grant: () => tokenCall(TOKEN_PATH, { grant_type: 1 }),
      refresh: (refreshToken) => tokenCall(`${TOKEN_PATH}/${encodeURIComponent(refreshToken)}`, undefined),
    },
  });

  /** A token for a business call; token failures never mean the business call was sent. */
  async function tokenFor(signal: AbortSignal | undefined, stale?: string): Promise<TokenPair> {
    throwIfAborted(signal);
    try {
      return await raceAbort(stale === undefined ? keeper.valid() : keeper.renew(stale), signal);
    } catch (error) {
      const mapped = tuyaErrorFromTransport(error, signal?.aborted === true);
      return Promise.reject(mapped.kind === 'cancelled' ? mapped : mapped.notDelivered());
    }
  }

  /** One attempt: token, call, and on 1010/1011 one renewal and one repeat. */
  async function attempt(request: TuyaRequest): Promise<unknown> {
    const { method, path, query, body, signal } = request;
    let pair = await tokenFor(signal);
    let envelope = await send(method, path, query, body, pair.accessToken, signal);
    if (!envelope.success && TOKEN_RETRY_CODES.has(Number(envelope.code))) {
      pair = await tokenFor(signal, pair.accessToken);
      envelope = await send(method, path, query, body, pair.accessToken, signal);
    }
    if (!envelope.success) throw failure(envelope);
    return camelizeKeys(envelope.result ?? null);
  }

  async function withRetries<T>(work: () => Promise<T>, idempotent: boolean, signal?: AbortSignal): Promise<T> {
    let throttledSince: number | null = null;
    let throttledAttempts = 0;
    for (let attemptNo = 1; ; attemptNo++) {
      try {
        return await work();
      } catch (error) {
        const mapped = tuyaErrorFromTransport(error, signal?.aborted === true);
        if (mapped.kind === 'throttled') {
          // Waited out, not a failed attempt: the pacer (told in `send`) spaces the next one. Bounded in time, so
          // a cloud that throttles for ever still ends in an answer ('throttled') the caller can act on.
          throttledSince ??= now();
          attemptNo -= 1;
          throttledAttempts += 1;
          if (now() - throttledSince >= throttleWaitMs || throttledAttempts >= MAX_THROTTLED_ATTEMPTS) throw mapped;
          throwIfAborted(signal);
          continue;
        }
        // A connection that could not be made (refused, no route, no DNS) means the cloud is unreachable now:
        // the job queues at once and the sync retries on its own schedule, instead of the technician waiting
        // through this call's back-off first (and again for the next call).
        const unreachable = mapped.kind === 'network' && !mapped.mayHaveArrived;
        const repeatable = mapped.retryable && !unreachable && (idempotent || !mapped.mayHaveArrived);
        if (!repeatable || attemptNo >= policy.maxAttempts) throw mapped;
        await sleep(fullJitterDelay(attemptNo, policy, random), signal);
      }
    }
  }

  return {
    baseUrl,
    request: (request) => withRetries(() => attempt(request), request.idempotent !== false, request.signal),
    token: (signal) => withRetries(() => tokenFor(signal), true, signal),
    tokenStats: () => keeper.stats(),
    pacingStats: () => ({ ...stats }),
  };
}
