/**
 * Removes secrets from what the app writes to its logs and diagnostics: passwords, tokens, signatures,
 * app and client secrets, `Authorization` values and the MD5 of a password in a login URL. Pure functions,
 * used by the Electron log hook (electron/main/logging.ts), the diagnostics builder, and the browser host and
 * CLI logs (log-line.ts).
 */

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Normalised key parts that make a key secret wherever they appear (`appSecret`, `X-Ca-Signature`, ...). */
const SECRET_PARTS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'signature', 'authorization', 'cookie'];

/** Normalised keys that are secret only as a whole (`sign` but not `sign_method`). */
const SECRET_KEYS = new Set(['pwd', 'pass', 'sign', 'apikey', 'privatekey', 'sessionid']);

/** Normalised endings of keys that name something about a secret, not the secret itself. */
const HARMLESS_ENDINGS = ['method', 'headers', 'type', 'expiresin', 'expiresat', 'expiretime', 'count'];

/** Whether a property, header or parameter name holds a secret (case, `-` and `_` do not matter). */
export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (normalised === '') return false;
  if (SECRET_KEYS.has(normalised)) return true;
  if (!SECRET_PARTS.some((part) => normalised.includes(part))) return false;
  return !HARMLESS_ENDINGS.some((ending) => normalised.endsWith(ending));
}

const KEY = String.raw`[A-Za-z_][\w.-]{0,63}`;

/** `Authorization: Bearer abc`, `authorization=Basic abc` (the scheme and its credentials go). */
const AUTHORIZATION =
  /\b((?:proxy-)?authorization["']?\s*[:=]\s*)(?!["'])(?:(?:bearer|basic|digest|token)\s+)?[^\s"',;&]+/gi;

/** A bearer token anywhere. */
const BEARER = /\b(bearer\s+)(?!\[REDACTED\])[A-Za-z0-9._~+/=-]+/gi;

/** The password of `scheme://user:password@host`. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@"']+:)[^\s/@"']+@/gi;

/** `"key": "value"` and `key: 'value'` (JSON and util.inspect). */
const QUOTED_PAIR = new RegExp(String.raw`(?<![\w.-])(["']?)(${KEY})\1(\s*[:=]\s*)(["'])((?:\\.|(?!\4)[^\\])*)\4`, 'g');

/** `\"key\":\"value\"`: JSON inside a JSON string. */
const ESCAPED_PAIR = new RegExp(String.raw`\\(["'])(${KEY})\\\1(\s*[:=]\s*)\\(["'])((?:(?!\\\4).)*)\\\4`, 'g');

/** `key=value`, `key: value` (query strings, headers, plain text). */
const PLAIN_PAIR = new RegExp(String.raw`(^|[^\w.-])(${KEY})(["']?)(\s*[:=]\s*)([^\s"'&,;)}\]\\]+)`, 'gm');

/** A login URL or path (up to its end), whose 32-hex-digit parts are MD5s of passwords. */
const LOGIN_URL = /\/login\b[^\s"'<>]*/gi;
const MD5_HEX = /(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/gi;

/** Replaces every secret found in a text with {@link REDACTED}. Idempotent. */
export function redactText(text: string): string {
  if (!/[:=@]|bearer|login/i.test(text)) return text;
  return text
    .replace(AUTHORIZATION, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(QUOTED_PAIR, (match, q1: string, key: string, sep: string, q2: string, value: string) => {
      if (value === '' || value === REDACTED) return match;
      // A value that is not secret itself may hold secrets (a JSON body in a field): redact inside it.
      const inner = isSecretKey(key) ? REDACTED : redactText(value);
      return `${q1}${key}${q1}${sep}${q2}${inner}${q2}`;
    })
    .replace(ESCAPED_PAIR, (match, q1: string, key: string, sep: string, q2: string, value: string) =>
      isSecretKey(key) && value !== '' && value !== REDACTED
        ? `\\${q1}${key}\\${q1}${sep}\\${q2}${REDACTED}\\${q2}`
        : match,
    )
    .replace(PLAIN_PAIR, (match, lead: string, key: string, quote: string, sep: string, value: string) => {
      if (value.startsWith('[REDACTED')) return match;
      // `url=http://host/login?password=x`: the value of a harmless key is searched too.
      const inner = isSecretKey(key) ? REDACTED : redactText(value);
      return `${lead}${key}${quote}${sep}${inner}`;
    })
    .replace(LOGIN_URL, (url) => url.replace(MD5_HEX, REDACTED));
}

/** How deep {@link redactValue} copies nested objects before it summarises them. */
const MAX_DEPTH = 6;

/** How many keys of one object {@link redactValue} copies. */
const MAX_KEYS = 200;

/**
 * A copy of any value with secrets removed: values under secret keys are replaced, strings are passed through
 * {@link redactText}, errors keep their type, message and stack (redacted). Cycles, deep nesting and binary
 * data are summarised. Functions are dropped to their name.
 */
export function redactValue(value: unknown): unknown {
  return copy(value, 0, new WeakSet());
}

function copy(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[Binary ${value.byteLength} bytes]`;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    if (value instanceof Error) return copyError(value, depth, seen);
    if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((item) => copy(item, depth + 1, seen));
    if (value instanceof Map) {
      return new Map([...value].slice(0, MAX_KEYS).map(([k, v]) => [k, redactEntry(String(k), v, depth, seen)]));
    }
    if (value instanceof Set) return new Set([...value].slice(0, MAX_KEYS).map((v) => copy(v, depth + 1, seen)));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).slice(0, MAX_KEYS)) {
      out[key] = redactEntry(key, (value as Record<string, unknown>)[key], depth, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function redactEntry(key: string, value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (isSecretKey(key) && value !== undefined && value !== null && value !== '') return REDACTED;
  return copy(value, depth + 1, seen);
}

function copyError(error: Error, depth: number, seen: WeakSet<object>): Error {
  const clone = new Error(redactText(error.message));
  clone.name = error.name;
  clone.stack = error.stack === undefined ? undefined : redactText(error.stack);
  const target = clone as unknown as Record<string, unknown>;
  for (const key of Object.keys(error).slice(0, MAX_KEYS)) {
    if (key === 'message' || key === 'stack' || key === 'name') continue;
    target[key] = redactEntry(key, (error as unknown as Record<string, unknown>)[key], depth, seen);
  }
  if (error.cause !== undefined) clone.cause = copy(error.cause, depth + 1, seen);
  return clone;
}
