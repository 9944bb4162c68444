import { createHash, createHmac } from 'node:crypto';

// Alibaba Cloud API gateway request signature (PROTOCOLS.md §4):
//
//   stringToSign = METHOD \n Accept \n Content-MD5 \n Content-Type \n Date \n
//                + one "lowercase-name:value\n" per signed X-Ca-* header, sorted by name
//                + path, plus "?" and the query parameters sorted by key ("k=v", or "k" when the value is empty)
//   X-Ca-Signature = base64(HMAC-SHA256(appSecret, stringToSign))
//
// Empty Accept / Content-MD5 / Content-Type / Date keep their "\n". X-Ca-Signature and X-Ca-Signature-Headers
// are never signed; every other X-Ca-* header we send is (the gateway insists on key, timestamp and nonce).

/** The signature algorithm this client uses (the gateway's default). */
export const SIGNATURE_METHOD = 'HmacSHA256';

/** The API stage the living platform's APIs are published to. */
export const DEFAULT_STAGE = 'RELEASE';

/** The JSON content type the living platform's SDKs send (also used as Accept). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What the signature covers. Header names in `signedHeaders` may be in any case and order. */
export interface StringToSignParts {
  method: string;
  accept?: string;
  contentMd5?: string;
  contentType?: string;
  date?: string;
  /** The X-Ca-* headers to sign, by name (any case). */
  signedHeaders: Readonly<Record<string, string>>;
  /** The path without its query ("/cloud/token"). */
  path: string;
  /** Query parameters, in any order. */
  query?: ReadonlyArray<readonly [string, string]>;
}

/** `Content-MD5` of a body: base64 of the MD5 digest of its bytes (strings are taken as UTF-8). */
export function contentMd5(body: Uint8Array | string): string {
  return createHash('md5')
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('base64');
}

/** The Url line: the path, then the query parameters sorted by key ("k=v", or bare "k" for an empty value). */
export function signedUrl(path: string, query: ReadonlyArray<readonly [string, string]> = []): string {
  if (query.length === 0) return path;
  const sorted = [...query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${path}?${sorted.map(([key, value]) => (value ? `${key}=${value}` : key)).join('&')}`;
}

/** The lower-cased, sorted names of the headers that enter the header block. */
export function signedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  const never = new Set(['x-ca-signature', 'x-ca-signature-headers']);
  return [...new Set(Object.keys(headers).map((name) => name.toLowerCase()))].filter((n) => !never.has(n)).sort();
}

/** Builds the string to sign (see the formula at the top of this file). */
export function buildStringToSign(parts: StringToSignParts): string {
  const lower = new Map(Object.entries(parts.signedHeaders).map(([name, value]) => [name.toLowerCase(), value]));
  const head = [parts.method.toUpperCase(), parts.accept, parts.contentMd5, parts.contentType, parts.date]
    .map((value) => `${value ?? ''}\n`)
    .join('');
  const block = signedHeaderNames(parts.signedHeaders)
    .map((name) => `${name}:${lower.get(name) ?? ''}\n`)
    .join('');
  return head + block + signedUrl(parts.path, parts.query);
}

/** `base64(HMAC-SHA256(appSecret, stringToSign))`. */
export function signString(appSecret: string, stringToSign: string): string {
  return createHmac('sha256', Buffer.from(appSecret, 'utf8')).update(stringToSign, 'utf8').digest('base64');
}

/** What {@link signRequest} needs for one attempt (a retry needs a new nonce and timestamp). */
export interface SignInput {
  appKey: string;
  appSecret: string;
  method: 'POST';
  path: string;
  query?: ReadonlyArray<readonly [string, string]>;
  /** The exact bytes that will be sent. */
  body: Uint8Array;
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** A value never used before (a UUID). */
  nonce: string;
  stage?: string;
}

/** The headers to send and the string that was signed (kept for diagnostics). */
export interface SignedRequest {
  headers: Record<string, string>;
  stringToSign: string;
}

/**
 * Signs one request: Accept and Content-Type JSON, Content-MD5 of a non-empty body, and every X-Ca-* header
 * (key, nonce, signature method, stage, timestamp) signed and listed in X-Ca-Signature-Headers.
 */
export function signRequest(input: SignInput): SignedRequest {
  const xca: Record<string, string> = {
    'x-ca-key': input.appKey,
    'x-ca-nonce': input.nonce,
    'x-ca-signature-method': SIGNATURE_METHOD,
    'x-ca-stage': input.stage ?? DEFAULT_STAGE,
    'x-ca-timestamp': String(input.timestamp),
  };
  const md5 = input.body.length > 0 ? contentMd5(input.body) : undefined;
  const stringToSign = buildStringToSign({
    method: input.method,
    accept: JSON_CONTENT_TYPE,
    contentType: JSON_CONTENT_TYPE,
    ...(md5 === undefined ? {} : { contentMd5: md5 }),
    signedHeaders: xca,
    path: input.path,
    ...(input.query ? { query: input.query } : {}),
  });
  const headers: Record<string, string> = {
    accept: JSON_CONTENT_TYPE,
    'content-type': JSON_CONTENT_TYPE,
    ...(md5 === undefined ? {} : { 'content-md5': md5 }),
    ...xca,
    'x-ca-signature-headers': signedHeaderNames(xca).join(','),
    'x-ca-signature': signString(input.appSecret, stringToSign),
  };
  return { headers, stringToSign };
}
