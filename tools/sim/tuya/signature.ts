import { createHash, createHmac } from 'node:crypto';

/**
 * Tuya OpenAPI request signing (HMAC-SHA256, upper-case hex), as PROTOCOLS.md §3 states it:
 * - token calls:    sign = HMAC(secret, client_id + t + nonce + stringToSign)
 * - business calls: sign = HMAC(secret, client_id + access_token + t + nonce + stringToSign)
 * - stringToSign = METHOD + "\n" + hex(SHA256(body)) + "\n" + signedHeaders + "\n" + url, where signedHeaders
 *   is `key:value\n` per header named in `Signature-Headers` (colon-separated) and url is the path plus the
 *   query string sorted by key.
 */

/** SHA-256 of an empty body, lower-case hex (what a GET signs). */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The only `sign_method` the simulator accepts. */
export const SIGN_METHOD = 'HMAC-SHA256';

/**
 * How far the `t` header may be from the server clock. Tuya documents no window; 15 minutes is the common
 * API-gateway figure (Alibaba's gateway documents the same) and what the simulator enforces (→ 1013).
 */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Lower-case hex SHA-256 of a body ("" for no body). */
export function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Decodes one percent-encoded component; a malformed escape stays as sent (the signature then cannot match). */
function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * How the gateway reads the query it checks the signature over:
 * - `decoded` (default): every key and value percent-decoded (`%20` → space, `%E5%A4%A7` → 大; a "+" stays a
 *   "+"), as Tuya's Node.js connector signs it (`decodeURIComponent` over the sorted query, PROTOCOLS §6);
 * - `raw`: the pairs exactly as sent on the wire, still percent-encoded (what a connector that signs raw values
 *   expects). A knob, because the vendor document does not say; the real cloud accepts the Node connector's.
 */
export type SignedQueryForm = 'decoded' | 'raw';

/**
 * The url part of stringToSign: the path plus the query sorted by key (pairs with the same key keep their
 * order), decoded unless `form` is `raw`. No query → the bare path.
 */
export function canonicalUrl(pathAndQuery: string, form: SignedQueryForm = 'decoded'): string {
  const mark = pathAndQuery.indexOf('?');
  if (mark < 0) return pathAndQuery;
  const path = pathAndQuery.slice(0, mark);
  const pairs = pathAndQuery
    .slice(mark + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      if (form === 'raw') return pair;
      const eq = pair.indexOf('=');
      return eq < 0
        ? decodeComponent(pair)
        : `${decodeComponent(pair.slice(0, eq))}=${decodeComponent(pair.slice(eq + 1))}`;
    });
  const keyOf = (pair: string): string => pair.split('=', 1)[0] ?? '';
  const sorted = [...pairs].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return sorted.length > 0 ? `${path}?${sorted.join('&')}` : path;
}

/** What stringToSign is built from. `url` is used as given: pass it through {@link canonicalUrl} first. */
export interface StringToSignInput {
  method: string;
  body: string | Uint8Array;
  /** The headers named in `Signature-Headers`, in that order, as [name, value]. */
  signedHeaders?: ReadonlyArray<readonly [string, string]>;
  url: string;
}

/** Builds stringToSign: METHOD\nSHA256(body)\nkey:value\n...\nurl. */
export function stringToSign(input: StringToSignInput): string {
  const headers = (input.signedHeaders ?? []).map(([name, value]) => `${name}:${value}\n`).join('');
  return `${input.method.toUpperCase()}\n${sha256Hex(input.body)}\n${headers}\n${input.url}`;
}

/** What a signature covers besides stringToSign. Leave `accessToken` out for token calls. */
export interface SignInput {
  clientId: string;
  secret: string;
  accessToken?: string;
  t: string;
  nonce?: string;
  stringToSign: string;
}

/** HMAC-SHA256 over client_id [+ access_token] + t + nonce + stringToSign, upper-case hex. */
export function sign(input: SignInput): string {
  const message = input.clientId + (input.accessToken ?? '') + input.t + (input.nonce ?? '') + input.stringToSign;
  return createHmac('sha256', input.secret).update(message).digest('hex').toUpperCase();
}

/** A request as the server received it (header names lower-case, as Node gives them). */
export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  body: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** What the server expects of a request. */
export interface VerifyOptions {
  clientId: string;
  secret: string;
  /** Token calls are signed without access_token. */
  tokenCall: boolean;
  now: number;
  maxSkewMs?: number;
  /** How the signed query is read (default `decoded`, see {@link SignedQueryForm}). */
  queryForm?: SignedQueryForm;
}

/** Outcome of {@link verify}: 1005 unknown client, 1013 bad or stale `t`, 1004 any signature problem. */
export type VerifyResult = { ok: true } | { ok: false; code: 1004 | 1005 | 1013; reason: string };

/** One header value as a string ("" when absent; the first when repeated). */
export function headerValue(headers: ReceivedRequest['headers'], name: string): string {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The [name, value] pairs a request's `Signature-Headers` names, names as listed. */
export function signedHeaderPairs(headers: ReceivedRequest['headers']): Array<[string, string]> {
  return headerValue(headers, 'Signature-Headers')
    .split(':')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => [name, headerValue(headers, name)]);
}

/**
 * Checks a request's signature the way the Tuya gateway does. Order: client_id (1005), `t` must be 13 digits
 * and within the skew window (1013), sign_method must be HMAC-SHA256 and sign must match exactly, upper-case
 * included (1004). The url is re-sorted (and decoded) here, so a client that signed its query unsorted, or
 * signed the percent-encoded bytes of a value that needs encoding, is refused.
 */
export function verify(request: ReceivedRequest, options: VerifyOptions): VerifyResult {
  const clientId = headerValue(request.headers, 'client_id');
  if (clientId !== options.clientId) return { ok: false, code: 1005, reason: 'unknown client_id' };
  const t = headerValue(request.headers, 't');
  if (!/^\d{13}$/.test(t)) return { ok: false, code: 1013, reason: 't must be a 13-digit millisecond timestamp' };
  if (Math.abs(options.now - Number(t)) > (options.maxSkewMs ?? MAX_CLOCK_SKEW_MS)) {
    return { ok: false, code: 1013, reason: 't is outside the accepted clock skew' };
  }
  if (headerValue(request.headers, 'sign_method') !== SIGN_METHOD) {
    return { ok: false, code: 1004, reason: `sign_method must be ${SIGN_METHOD}` };
  }
  const given = headerValue(request.headers, 'sign');
  if (given === '') return { ok: false, code: 1004, reason: 'sign header missing' };
  const expected = sign({
    clientId,
    secret: options.secret,
    ...(options.tokenCall ? {} : { accessToken: headerValue(request.headers, 'access_token') }),
    t,
    nonce: headerValue(request.headers, 'nonce'),
    stringToSign: stringToSign({
      method: request.method,
      body: request.body,
      signedHeaders: signedHeaderPairs(request.headers),
      url: canonicalUrl(request.url, options.queryForm ?? 'decoded'),
    }),
  });
  return given === expected ? { ok: true } : { ok: false, code: 1004, reason: 'signature mismatch' };
}
