import type { GatewayRejectionKey } from './errors.ts';
import { contentMd5, isSignatureMethod, parseSignatureHeaders, verify, type SignedParts } from './signature.ts';

/** How long a timestamp is accepted, either side of the gateway's clock, and how long a nonce is remembered. */
export const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;

/** Stages an API group is published to; the living platform's APIs are published to RELEASE only. */
const PUBLISHED_STAGE = 'RELEASE';

/** Headers that a signature must cover (the SDKs sign every X-Ca-* header; these three make replay checks hold). */
const MUST_BE_SIGNED = ['x-ca-key', 'x-ca-timestamp', 'x-ca-nonce'];

/** A request as the gateway's authentication layer sees it. */
export interface GatewayRequest {
  method: string;
  path: string;
  /** Decoded query parameters in the order sent. */
  query: Array<[string, string]>;
  /** Header values by lower-case name. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** Why the gateway refused a request; `message` is the full `X-Ca-Error-Message`. */
export type GatewayVerdict =
  { ok: true; appKey: string } | { ok: false; reason: GatewayRejectionKey | 'emptySignature'; message?: string };

/** Remembers nonces per app for {@link SIGNATURE_WINDOW_MS}. */
export class NonceBook {
  private readonly seen = new Map<string, number>();

  /** Whether the nonce was used within the window (by the same app). */
  used(appKey: string, nonce: string, now: number): boolean {
    const at = this.seen.get(`${appKey}\n${nonce}`);
    return at !== undefined && now - at < SIGNATURE_WINDOW_MS;
  }

  /** Records a nonce and forgets those older than the window. */
  record(appKey: string, nonce: string, now: number): void {
    for (const [key, at] of this.seen) if (now - at >= SIGNATURE_WINDOW_MS) this.seen.delete(key);
    this.seen.set(`${appKey}\n${nonce}`, now);
  }
}

/** Settings of the authentication layer. */
export interface GatewayConfig {
  /** Published API paths (all POST). */
  routes: ReadonlySet<string>;
  /** App secrets by app key. */
  apps: ReadonlyMap<string, string>;
  now: () => number;
  nonces: NonceBook;
}

/**
 * Runs the API gateway's checks in the order the gateway does: the API must exist (method, path, stage),
 * then the signature must be present, the app key known, the timestamp fresh, the signature right, the
 * Content-MD5 match the body and the nonce be new. A request that passes has its nonce recorded, so a
 * retry of it (even after a throttled or failed answer) needs a fresh nonce.
 */
export function checkGateway(request: GatewayRequest, config: GatewayConfig): GatewayVerdict {
  const h = request.headers;
  const stage = h['x-ca-stage'] ?? PUBLISHED_STAGE;
  if (request.method !== 'POST' || !config.routes.has(request.path) || stage !== PUBLISHED_STAGE) {
    return { ok: false, reason: 'invalidUrl' };
  }
  const signature = h['x-ca-signature'];
  if (!signature) return { ok: false, reason: 'emptySignature' };
  const appKey = h['x-ca-key'] ?? '';
  const secret = config.apps.get(appKey);
  if (secret === undefined) return { ok: false, reason: 'invalidAppKey' };
  const method = h['x-ca-signature-method'] ?? 'HmacSHA256';
  if (!isSignatureMethod(method)) return { ok: false, reason: 'invalidSignatureMethod' };

  const now = config.now();
  const timestamp = h['x-ca-timestamp'] ?? '';
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'invalidTimestamp' };
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_WINDOW_MS) return { ok: false, reason: 'timestampExpired' };
  const nonce = h['x-ca-nonce'] ?? '';
  if (!nonce || nonce.length > 64) return { ok: false, reason: 'invalidNonce' };

  const signedHeaders = parseSignatureHeaders(h['x-ca-signature-headers']);
  const contentType = h['content-type'] ?? '';
  const form = contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
  const params: Array<[string, string]> = [...request.query];
  if (form) for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.push([key, value]);
  const parts: SignedParts = { method: request.method, path: request.path, params, headers: h, signedHeaders };
  const result = verify(secret, parts, signature, method);
  const lower = new Set(signedHeaders.map((name) => name.toLowerCase()));
  if (!result.ok || MUST_BE_SIGNED.some((name) => !lower.has(name))) {
    return { ok: false, reason: 'invalidSignature', message: invalidSignatureMessage(result.stringToSign) };
  }

  const md5 = h['content-md5'];
  const bodyNeedsMd5 = request.body.length > 0 && !form;
  if ((bodyNeedsMd5 && md5 !== contentMd5(request.body)) || (request.body.length === 0 && md5 !== undefined)) {
    return { ok: false, reason: 'invalidContentMd5' };
  }
  if (config.nonces.used(appKey, nonce, now)) return { ok: false, reason: 'nonceUsed' };
  config.nonces.record(appKey, nonce, now);
  return { ok: true, appKey };
}

/**
 * The gateway's explanation of a bad signature: it shows its own string to sign with "\n" written as "#"
 * (characters a header cannot carry become "?").
 */
export function invalidSignatureMessage(stringToSign: string): string {
  const shown = stringToSign.replace(/\n/g, '#').replace(/[^\x20-\x7e]/g, '?');
  return `Invalid Signature, Server StringToSign:${shown}`;
}
