import { createHash, createHmac, randomUUID } from 'node:crypto';

/**
 * Tuya OpenAPI request signing (HMAC-SHA256, upper-case hex):
 * - token calls:    sign = HMAC(secret, client_id + t + nonce + stringToSign)
 * - business calls: sign = HMAC(secret, client_id + access_token + t + nonce + stringToSign)
 * - stringToSign = METHOD + "\n" + hex(SHA256(body)) + "\n" + signedHeaders + "\n" + url, where signedHeaders
 *   is `key:value\n` for each header named in `Signature-Headers` (a colon-separated list) and url is the path
 *   plus the query string sorted by key, DECODED (the values as they are, not percent-encoded).
 */

/** The only `sign_method` Tuya accepts. */
export const SIGN_METHOD = 'HMAC-SHA256';

/** SHA-256 of an empty body, lower-case hex (what every GET signs). */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A query parameter value; `undefined` and `null` leave the parameter out. */
export type QueryValue = string | number | boolean | null | undefined;

/** Lower-case hex SHA-256 of a body ("" for no body), over its UTF-8 bytes. */
export function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

function presentSorted(query: Readonly<Record<string, QueryValue>>): [string, string][] {
  return Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => [key, String(value)]);
}

/**
 * The query string to SEND: parameters sorted by key (code-unit order), keys and values percent-encoded with
 * `encodeURIComponent` (a space is %20, never "+"), absent values left out; "" when there is nothing to send.
 */
export function sortedQueryString(query: Readonly<Record<string, QueryValue>> = {}): string {
  return presentSorted(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

/**
 * The query string to SIGN: the same parameters in the same order, but DECODED (`key=value` as the text is),
 * as Tuya's own Node.js connector signs it (`decodeURIComponent(qs.stringify(sortedQuery))`, a change it made
 * so that values with spaces or Chinese characters are accepted). PROTOCOLS §6.
 */
export function decodedQueryString(query: Readonly<Record<string, QueryValue>> = {}): string {
  return presentSorted(query)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** The url part of stringToSign: the path plus the decoded query sorted by key, if any. */
export function signUrl(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const queryString = decodedQueryString(query);
  return queryString === '' ? path : `${path}?${queryString}`;
}

/** The request target sent on the wire: the path plus the percent-encoded query sorted by key, if any. */
export function sendUrl(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const queryString = sortedQueryString(query);
  return queryString === '' ? path : `${path}?${queryString}`;
}

/** What stringToSign is built from. */
export interface StringToSignInput {
  method: string;
  /** The exact body bytes sent ("" for none). */
  body: string | Uint8Array;
  /** The headers named in `Signature-Headers`, in that order, as [name, value]. */
  signedHeaders?: ReadonlyArray<readonly [string, string]>;
  /** From {@link signUrl}: the path plus the decoded query sorted by key. */
  url: string;
}

/** Builds stringToSign: `METHOD\nsha256hex(body)\nname:value\n...\nurl`. */
export function buildStringToSign(input: StringToSignInput): string {
  const headers = (input.signedHeaders ?? []).map(([name, value]) => `${name}:${value}\n`).join('');
  return `${input.method.toUpperCase()}\n${sha256Hex(input.body)}\n${headers}\n${input.url}`;
}

/** What the signature covers besides stringToSign. Leave `accessToken` out for token calls. */
export interface SignInput {
  clientId: string;
  secret: string;
  /** Present for business calls only. */
  accessToken?: string;
  /** 13-digit millisecond timestamp, as sent in the `t` header. */
  t: string;
  nonce?: string;
  stringToSign: string;
}

/** HMAC-SHA256(secret, client_id [+ access_token] + t + nonce + stringToSign), upper-case hex. */
export function computeSign(input: SignInput): string {
  const message = input.clientId + (input.accessToken ?? '') + input.t + (input.nonce ?? '') + input.stringToSign;
  return createHmac('sha256', input.secret).update(message, 'utf8').digest('hex').toUpperCase();
}

/** A request to sign. */
export interface SignRequestInput {
  clientId: string;
  secret: string;
  /** Business calls carry and sign the access token; token calls leave it out. */
  accessToken?: string;
  method: string;
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** The exact body text sent ("" or absent for none). */
  body?: string;
  /** Extra headers to send and sign, listed in `Signature-Headers` in this order. */
  signedHeaders?: ReadonlyArray<readonly [string, string]>;
  /** Milliseconds since the epoch (the laptop clock). */
  now: number;
  /** Per-request random string (default: a UUID without dashes). */
  nonce?: string;
}

/** The headers and target of a signed request. */
export interface SignedRequest {
  /** Path plus the sorted, percent-encoded query: send exactly this (the signature covers its decoded form). */
  url: string;
  headers: Record<string, string>;
}

/** Signs a request and returns the headers to send (client_id, sign, sign_method, t, nonce, ...). */
export function signRequest(input: SignRequestInput): SignedRequest {
  const url = sendUrl(input.path, input.query);
  const t = String(Math.trunc(input.now));
  const nonce = input.nonce ?? randomUUID().replaceAll('-', '');
  const signedHeaders = input.signedHeaders ?? [];
  const sign = computeSign({
    clientId: input.clientId,
    secret: input.secret,
    ...(input.accessToken === undefined ? {} : { accessToken: input.accessToken }),
    t,
    nonce,
    stringToSign: buildStringToSign({
      method: input.method,
      body: input.body ?? '',
      signedHeaders,
      url: signUrl(input.path, input.query),
    }),
  });
  const headers: Record<string, string> = {
    client_id: input.clientId,
    sign,
    sign_method: SIGN_METHOD,
    t,
    nonce,
  };
  if (input.accessToken !== undefined) headers.access_token = input.accessToken;
  if (signedHeaders.length > 0) {
    headers['Signature-Headers'] = signedHeaders.map(([name]) => name).join(':');
    for (const [name, value] of signedHeaders) headers[name] = value;
  }
  return { url, headers };
}
