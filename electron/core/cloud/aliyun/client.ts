import { randomUUID } from 'node:crypto';
import type { AxiosProxyConfig } from 'axios';
import { THROTTLED_MEANING, isThrottleText, meaningOf, type CodeMeaning } from './codes.ts';
import { AliyunError, gatewayError, protocolError, vendorError } from './errors.ts';
import { CloudTokenSource, type IssuedToken, type SharedTokenPort } from './token.ts';
import { createTransport, type AnswerEnvelope, type RawReply } from './transport.ts';
import { backoffDelay, sleep } from '../../jobs/backoff.ts';

/** Path and API version of the project cloudToken call. */
export const CLOUD_TOKEN_PATH = '/cloud/token';
/** API version of {@link CLOUD_TOKEN_PATH}. */
export const CLOUD_TOKEN_API_VER = '1.0.1';
/**
 * Path of the project token renewal that does not revoke other tokens (the vendor names it, its parameters are
 * not published: the token to renew travels in `request.cloudToken`, the params are those of /cloud/token).
 */
export const CLOUD_TOKEN_REFRESH_PATH = '/cloud/token/refresh';
/** The lifetime assumed when /cloud/token does not say (the documented 7,200,000 ms). */
export const DEFAULT_TOKEN_TTL_MS = 7_200_000;

/** Whose authority business calls carry: the project's cloudToken (renewed by the client) or a user iotToken. */
export type AliyunAuth = { kind: 'project' } | { kind: 'iotToken'; token: string };

/** How throttled calls are retried: full-jitter exponential backoff, bounded attempts. */
export interface RetryOptions {
  /** Attempts of one call in all (default 5). */
  maxAttempts?: number;
  /** First backoff bound (default 1000 ms); it doubles per attempt up to `maxMs` (default 20,000 ms). */
  baseMs?: number;
  maxMs?: number;
  /** Waits (injectable; tests advance their clock instead). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) (injectable). */
  random?: () => number;
}

/** Settings of {@link createAliyunClient}. */
export interface AliyunClientOptions {
  /** Gateway host: "api.link.aliyun.com", "https://api-iot.ap-southeast-1.aliyuncs.com", or http on loopback. */
  host: string;
  appKey: string;
  appSecret: string;
  projectId: string;
  auth: AliyunAuth;
  /** Clock for X-Ca-Timestamp and token expiry (default Date.now). */
  now?: () => number;
  /** Per-request timeout (default 30,000 ms: the API's documented 25 s plus the network). */
  timeoutMs?: number;
  /** An explicit HTTP proxy; default none (a direct connection). */
  proxy?: AxiosProxyConfig | false;
  /** API stage (default RELEASE). */
  stage?: string;
  retry?: RetryOptions;
  /** Renew the cloudToken this long before it expires (default 5 minutes). */
  tokenMarginMs?: number;
  /** The data directory's shared project token (one token for the app, the host and fcom); default: not shared. */
  tokenStore?: SharedTokenPort;
  /** Nonces and envelope ids (default crypto.randomUUID). */
  uuid?: () => string;
}

/** An answer of the living platform, with what its code means. */
export interface AliyunAnswer extends AnswerEnvelope {
  status: number;
  requestId: string | null;
  meaning: CodeMeaning;
}

/**
 * Paces the attempts of a call (the cloud jobs' adaptive pacer, `../jobs/pacer.ts`): every attempt waits for
 * a slot, and a throttled attempt is reported so the pacer can slow down. With a pacer the client does not
 * add its own back-off to throttled attempts: the pacer's wait is the back-off.
 */
export interface CallPacer {
  /** Waits until an attempt may start (abortable); answers a ticket naming that attempt. */
  acquire(signal?: AbortSignal): Promise<number>;
  /** The attempt with this ticket was answered "403 Request Limited" (the gateway did not count it). */
  throttled(ticket: number): void;
}

/** A signed client of the Alibaba Cloud IoT living platform's API gateway. */
export interface AliyunClient {
  /** The gateway origin requests go to. */
  readonly origin: string;
  /**
   * Calls an API with the envelope and the token. Throttling is retried with backoff; a token the platform
   * calls invalid (2402, 20008) is renewed once and the call retried once (project auth). Any other answer
   * is returned, error codes included (see `meaning`). Throws AliyunError when there is no usable answer:
   * network, gateway rejection, throttled after every attempt, not the platform's answer. With `pacer`, every
   * attempt waits for its slot and throttled attempts are reported to it (see {@link CallPacer}).
   */
  call(path: string, apiVer: string, params: unknown, signal?: AbortSignal, pacer?: CallPacer): Promise<AliyunAnswer>;
  /** The project cloudToken (issued or renewed when needed). Throws for iotToken auth. */
  cloudToken(signal?: AbortSignal): Promise<string>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The gateway origin of a configured host: https by default; plain http only for loopback (the simulator). */
export function gatewayOrigin(host: string): string {
  const raw = host.trim();
  const invalid = (why: string): AliyunError =>
    new AliyunError({ kind: 'invalid', reason: 'config', message: `The gateway host "${raw}" ${why}.` });
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw invalid('is not a host name');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw invalid('must use https');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.username) throw invalid('must be a host only');
  return url.origin;
}

function requireText(value: string, what: string): void {
  if (!value.trim()) {
    throw new AliyunError({
      kind: 'auth',
      reason: 'config',
      message: `The ${what} is empty. Set it in the cloud settings.`,
    });
  }
}

/** Creates a client (see {@link AliyunClient}); throws AliyunError('config') for unusable settings. */
export function createAliyunClient(options: AliyunClientOptions): AliyunClient {
  const origin = gatewayOrigin(options.host);
  requireText(options.appKey, 'AppKey');
  requireText(options.appSecret, 'AppSecret');
  if (options.auth.kind === 'project') requireText(options.projectId, 'project ID');
  else requireText(options.auth.token, 'user token (iotToken)');
  const now = options.now ?? Date.now;
  const uuid = options.uuid ?? randomUUID;
  const retry = options.retry ?? {};
  const maxAttempts = Math.max(1, retry.maxAttempts ?? 5);
  const wait = retry.sleep ?? sleep;
  const random = retry.random ?? Math.random;
  const transport = createTransport({
    origin,
    appKey: options.appKey,
    appSecret: options.appSecret,
    now,
    uuid,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.proxy === undefined ? {} : { proxy: options.proxy }),
    ...(options.stage === undefined ? {} : { stage: options.stage }),
  });
  const host = new URL(origin).host;

  /** HTTP 403 (or a 403 code) whose words say "Request Limited" / "Throttled…"; also a plain HTTP 429. */
  const isThrottled = (reply: RawReply): boolean =>
    reply.status === 429 ||
    ((reply.status === 403 || reply.envelope?.code === 403) &&
      (isThrottleText(reply.gatewayMessage) || isThrottleText(reply.envelope?.message)));

  /** One call, re-signed per attempt: throttling backs off (or the pacer waits), a repeated nonce is re-sent at once. */
  async function exchange(
    path: string,
    request: Record<string, string>,
    params: unknown,
    signal?: AbortSignal,
    pacer?: CallPacer,
  ) {
    for (let attempt = 1; ; attempt += 1) {
      const ticket = await pacer?.acquire(signal);
      const envelope = { id: uuid(), version: '1.0', request, params };
      const reply = await transport.send(path, envelope, signal);
      if (isThrottled(reply)) {
        if (pacer && ticket !== undefined) pacer.throttled(ticket);
        if (attempt >= maxAttempts) throw vendorError(THROTTLED_MEANING, reply.status, reply.requestId);
        const policy = { baseMs: retry.baseMs ?? 1000, maxMs: retry.maxMs ?? 20_000, random };
        if (!pacer) await wait(backoffDelay(attempt, policy), signal);
        continue;
      }
      if (reply.envelope) {
        const { status, requestId } = reply;
        const meaning = meaningOf(status, reply.envelope.code, reply.envelope.message);
        return { ...reply.envelope, status, requestId, meaning } satisfies AliyunAnswer;
      }
      if (!reply.gatewayMessage) throw protocolError(host, reply.status, reply.requestId);
      const error = gatewayError(reply.status, reply.gatewayMessage, reply.requestId);
      if (error.rawCode === 'Nonce Used' && attempt < maxAttempts) continue;
      throw error;
    }
  }

  const tokenCall = async (path: string, current?: string): Promise<IssuedToken> => {
    const params = { grantType: 'project', res: options.projectId };
    const request: Record<string, string> = { apiVer: CLOUD_TOKEN_API_VER };
    if (current !== undefined) request.cloudToken = current;
    const answer = await exchange(path, request, params);
    if (answer.code !== 200) throw vendorError(answer.meaning, answer.status, answer.requestId);
    const data = (answer.data ?? {}) as Record<string, unknown>;
    const token = data.cloudToken ?? data.iotToken;
    const ttl = data.expireIn ?? data.expiresIn;
    if (typeof token !== 'string' || !token) throw protocolError(host, answer.status, answer.requestId);
    return { token, expireInMs: typeof ttl === 'number' && ttl > 0 ? ttl : DEFAULT_TOKEN_TTL_MS };
  };
  const tokens = new CloudTokenSource({
    now,
    ...(options.tokenMarginMs === undefined ? {} : { marginMs: options.tokenMarginMs }),
    issue: () => tokenCall(CLOUD_TOKEN_PATH),
    refresh: (current) => tokenCall(CLOUD_TOKEN_REFRESH_PATH, current),
    ...(options.tokenStore ? { shared: options.tokenStore } : {}),
  });

  const auth = options.auth;
  return {
    origin,
    async call(path, apiVer, params, signal, pacer) {
      if (auth.kind === 'iotToken') return exchange(path, { apiVer, iotToken: auth.token }, params, signal, pacer);
      const token = await tokens.get(signal);
      const first = await exchange(path, { apiVer, cloudToken: token }, params, signal, pacer);
      if (!first.meaning.renewToken) return first;
      const renewed = await tokens.renewAfterRejection(token, signal);
      return exchange(path, { apiVer, cloudToken: renewed }, params, signal, pacer);
    },
    cloudToken(signal) {
      if (auth.kind !== 'project') {
        const message = 'This client signs in with a user token (iotToken), not the project credentials.';
        return Promise.reject(new AliyunError({ kind: 'invalid', reason: 'config', message }));
      }
      return tokens.get(signal);
    },
  };
}
