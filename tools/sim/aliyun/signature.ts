import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Alibaba Cloud API gateway request signature, as the gateway's official SDKs compute it:
//
//   stringToSign = METHOD + "\n" + Accept + "\n" + Content-MD5 + "\n" + Content-Type + "\n" + Date + "\n"
//                + one "lowercase-name:value\n" per header named in X-Ca-Signature-Headers, sorted by name
//                + Url
//   Url          = path, plus "?" and the query (and form-body) parameters sorted by key, joined with "&",
//                  each as "key=value", or just "key" when the value is empty
//   X-Ca-Signature = base64(HMAC-SHA256(appSecret, stringToSign))   (HmacSHA1 when X-Ca-Signature-Method says so)
//
// Empty Accept / Content-MD5 / Content-Type / Date keep their "\n". Those four have their own lines and are
// never repeated in the header block; X-Ca-Signature and X-Ca-Signature-Headers are never signed.

/** Signature algorithms the API gateway accepts in `X-Ca-Signature-Method` (HmacSHA256 is the default). */
export const SIGNATURE_METHODS = ['HmacSHA256', 'HmacSHA1'] as const;

/** One accepted signature algorithm. */
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

/** Headers that never appear in the signed-header block, even when a client lists them. */
const NOT_IN_HEADER_BLOCK = new Set([
  'x-ca-signature',
  'x-ca-signature-headers',
  'accept',
  'content-md5',
  'content-type',
  'date',
]);

/** What the signature covers of one request. */
export interface SignedParts {
  /** HTTP method as sent ("POST"). */
  method: string;
  /** The path without its query ("/cloud/token"). */
  path: string;
  /** Decoded query parameters, plus the fields of a form-encoded body, in any order. */
  params?: ReadonlyArray<readonly [string, string]>;
  /** Header values by lower-case name. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The names listed in `X-Ca-Signature-Headers`, in any case and order. */
  signedHeaders: readonly string[];
}

/** Whether `value` names a supported signature algorithm. */
export function isSignatureMethod(value: string): value is SignatureMethod {
  return (SIGNATURE_METHODS as readonly string[]).includes(value);
}

/**
 * The header names that enter the header block: lower-cased, de-duplicated, sorted, without the four
 * headers that have their own line and without the signature headers themselves.
 */
export function normaliseSignedHeaders(names: readonly string[]): string[] {
  const set = new Set<string>();
  for (const name of names) {
    const lower = name.trim().toLowerCase();
    if (lower && !NOT_IN_HEADER_BLOCK.has(lower)) set.add(lower);
  }
  return [...set].sort();
}

/** Splits an `X-Ca-Signature-Headers` value ("x-ca-key,x-ca-nonce") into names. */
export function parseSignatureHeaders(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/**
 * The Url line: the path, then the parameters sorted by key. A key given twice keeps its last value (the
 * gateway reads parameters into a map). A parameter with an empty value is signed as its bare key.
 */
export function buildSignedUrl(path: string, params: ReadonlyArray<readonly [string, string]> = []): string {
  if (params.length === 0) return path;
  const merged = new Map<string, string>();
  for (const [key, value] of params) merged.set(key, value);
  const keys = [...merged.keys()].sort();
  return `${path}?${keys.map((key) => (merged.get(key) ? `${key}=${merged.get(key)}` : key)).join('&')}`;
}

/** Builds the string to sign of a request (see the formula at the top of this file). */
export function buildStringToSign(parts: SignedParts): string {
  const header = (name: string): string => parts.headers[name] ?? '';
  let text = `${parts.method}\n${header('accept')}\n${header('content-md5')}\n${header('content-type')}\n${header('date')}\n`;
  for (const name of normaliseSignedHeaders(parts.signedHeaders)) text += `${name}:${header(name)}\n`;
  return text + buildSignedUrl(parts.path, parts.params);
}

/** `base64(HMAC(appSecret, stringToSign))` with SHA-256 (default) or SHA-1. */
export function sign(appSecret: string, stringToSign: string, method: SignatureMethod = 'HmacSHA256'): string {
  const algorithm = method === 'HmacSHA1' ? 'sha1' : 'sha256';
  return createHmac(algorithm, Buffer.from(appSecret, 'utf8')).update(stringToSign, 'utf8').digest('base64');
}

/** `Content-MD5` of a body: base64 of the MD5 digest of its bytes. */
export function contentMd5(body: Uint8Array | string): string {
  return createHash('md5')
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('base64');
}

/** The outcome of checking a signature, with the server's string to sign (for the error message). */
export interface VerifyResult {
  ok: boolean;
  stringToSign: string;
}

/** Checks `signature` against the one the gateway computes for `parts` (constant-time comparison). */
export function verify(
  appSecret: string,
  parts: SignedParts,
  signature: string,
  method: SignatureMethod = 'HmacSHA256',
): VerifyResult {
  const stringToSign = buildStringToSign(parts);
  const expected = Buffer.from(sign(appSecret, stringToSign, method), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  const ok = expected.length === given.length && timingSafeEqual(expected, given);
  return { ok, stringToSign };
}
