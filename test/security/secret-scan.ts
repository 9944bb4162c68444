import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One way a secret could sit in a file: a label for the report and the bytes to look for. */
export interface Needle {
  form: string;
  bytes: Buffer;
}

/** Where a secret was found. */
export interface SecretHit {
  file: string;
  forms: string[];
}

/**
 * The base64 of `bytes` as it appears inside a longer base64 text, for each of the three alignments the secret
 * may start at: the groups of 4 characters that hold only the secret's bits (the first group, shared with what
 * precedes, and a last partial group, shared with what follows, are dropped).
 */
function base64Forms(bytes: Buffer): string[] {
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    let text = padded.toString('base64');
    if (padded.length % 3 !== 0) text = text.slice(0, -4);
    if (offset > 0) text = text.slice(4);
    if (text.length >= 8) forms.push(text);
  }
  return forms;
}

/** `\uXXXX` for every non-ASCII character, as an ASCII-only JSON writer would store it. */
function jsonEscaped(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x80) return char;
      return char
        .split('')
        .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .join('');
    })
    .join('');
}

/**
 * Every form in which a secret could be kept in clear or trivially encoded: UTF-8, UTF-16LE and UTF-16BE bytes;
 * hex (lower and upper case) and base64/base64url (any alignment) of the UTF-8 and UTF-16LE bytes; URL
 * percent-encoding; ASCII-only JSON escapes.
 */
export function secretNeedles(secret: string, label = 'secret'): Needle[] {
  const needles: Needle[] = [];
  const add = (form: string, text: string, encoding: BufferEncoding = 'utf8'): void => {
    if (!needles.some((needle) => needle.bytes.equals(Buffer.from(text, encoding)))) {
      needles.push({ form: `${label} ${form}`, bytes: Buffer.from(text, encoding) });
    }
  };
  const utf8 = Buffer.from(secret, 'utf8');
  const utf16le = Buffer.from(secret, 'utf16le');
  add('UTF-8', secret);
  add('UTF-16LE', secret, 'utf16le');
  needles.push({ form: `${label} UTF-16BE`, bytes: Buffer.from(utf16le).swap16() });
  for (const [name, bytes] of [
    ['UTF-8', utf8],
    ['UTF-16LE', utf16le],
  ] as const) {
    add(`hex of ${name}`, bytes.toString('hex'));
    add(`HEX of ${name}`, bytes.toString('hex').toUpperCase());
    for (const form of base64Forms(bytes)) {
      add(`base64 of ${name}`, form);
      add(`base64url of ${name}`, form.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  add('percent-encoded', encodeURIComponent(secret));
  add('JSON-escaped', jsonEscaped(secret));
  return needles;
}

/** The MD5 of a password (what BAS-IP logins send), in hex of both cases and base64: a password equivalent. */
export function md5Needles(secret: string, label = 'MD5 of the secret'): Needle[] {
  const digest = createHash('md5').update(secret, 'utf8').digest();
  return [
    { form: `${label} hex`, bytes: Buffer.from(digest.toString('hex')) },
    { form: `${label} HEX`, bytes: Buffer.from(digest.toString('hex').toUpperCase()) },
    ...base64Forms(digest).map((form) => ({ form: `${label} base64`, bytes: Buffer.from(form) })),
  ];
}

/** The forms of `needles` found in `haystack`. */
export function findNeedles(haystack: Buffer, needles: readonly Needle[]): string[] {
  return needles.filter((needle) => haystack.includes(needle.bytes)).map((needle) => needle.form);
}

/** Every regular file under a directory, recursively (symbolic links are not followed). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/** Reads every file under `dir` and reports those holding any of the needles (paths relative to `dir`). */
export function scanTree(dir: string, needles: readonly Needle[]): SecretHit[] {
  return filesUnder(dir)
    .map((path) => ({ file: relative(dir, path), forms: findNeedles(readFileSync(path), needles) }))
    .filter((hit) => hit.forms.length > 0);
}
