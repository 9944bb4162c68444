import axios, { type AxiosInstance, type AxiosProxyConfig } from 'axios';
import { z } from 'zod';
import { AliyunError, networkError } from './errors.ts';
import { signRequest } from './signature.ts';

/** The living platform's answer envelope `{id, code, message, localizedMsg, data}`. */
export interface AnswerEnvelope {
  id: string | null;
  /** 200 is success; an HTTP 200 answer may carry an error code. */
  code: number;
  message: string | null;
  localizedMsg: string | null;
  data: unknown;
}

/** One HTTP exchange with the gateway, before any interpretation. */
export interface RawReply {
  status: number;
  /** The gateway's `X-Ca-Error-Message` (why it refused or throttled), when present. */
  gatewayMessage: string | null;
  /** The gateway's `X-Ca-Request-Id`. */
  requestId: string | null;
  /** The parsed envelope, or null when the body is not one (gateway rejections have an empty body). */
  envelope: AnswerEnvelope | null;
}

/** Settings of {@link createTransport}. */
export interface TransportOptions {
  /** `https://host[:port]` (or `http://` on loopback, for the simulator). */
  origin: string;
  appKey: string;
  appSecret: string;
  now: () => number;
  uuid: () => string;
  timeoutMs: number;
  /** An explicit HTTP proxy, or false (default) to connect directly. */
  proxy?: AxiosProxyConfig | false;
  stage?: string;
}

/** Sends one freshly signed POST (new nonce, current timestamp) and reads the answer. */
export interface Transport {
  send(path: string, body: unknown, signal?: AbortSignal): Promise<RawReply>;
}

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
const EnvelopeSchema = z.object({
  id: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((value) => (value === null || value === undefined ? null : String(value))),
  code: z.union([
    z.number().int(),
    z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number),
  ]),
  message: text,
  localizedMsg: text,
  data: z.unknown().optional(),
});

/** Longest answer read (the delete answers a few hundred bytes). */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** Reads an envelope from a body; null when it is not one. */
export function parseEnvelope(body: string): AnswerEnvelope | null {
  if (!body) return null;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) return null;
  const { id, code, message, localizedMsg, data } = parsed.data;
  return { id, code, message: message?.slice(0, 300) ?? null, localizedMsg: localizedMsg?.slice(0, 300) ?? null, data };
}

function header(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

/** Creates the signing transport (axios: no redirects, no throwing on status, body bytes sent as signed). */
export function createTransport(options: TransportOptions): Transport {
  const http: AxiosInstance = axios.create({
    baseURL: options.origin,
    timeout: options.timeoutMs,
    proxy: options.proxy ?? false,
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: 'text',
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    maxContentLength: MAX_ANSWER_BYTES,
  });
  const host = new URL(options.origin).host;
  return {
    async send(path, body, signal) {
      const bytes = Buffer.from(JSON.stringify(body), 'utf8');
      const { headers } = signRequest({
        appKey: options.appKey,
        appSecret: options.appSecret,
        method: 'POST',
        path,
        body: bytes,
        timestamp: options.now(),
        nonce: options.uuid(),
        ...(options.stage === undefined ? {} : { stage: options.stage }),
      });
      // axios's `timeout` only bounds idle time: this deadline bounds the whole exchange (a dribbled body too).
      const deadline = AbortSignal.timeout(options.timeoutMs);
      try {
        const response = await http.post<string>(path, bytes, {
          headers,
          signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        });
        return {
          status: response.status,
          gatewayMessage: header(response.headers['x-ca-error-message']),
          requestId: header(response.headers['x-ca-request-id']),
          envelope: parseEnvelope(typeof response.data === 'string' ? response.data : ''),
        };
      } catch (error) {
        if (signal?.aborted) throw signal.reason as Error;
        if (error instanceof AliyunError) throw error;
        if (deadline.aborted) throw networkError(host, Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
        throw networkError(host, error);
      }
    },
  };
}
