import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findNeedles, md5Needles, scanTree, secretNeedles } from './secret-scan.ts';

// The scanner of secrets-at-rest.test.ts must be able to fail: each encoding of a secret, buried in other
// bytes at any offset, is found; other text is not.

const SECRET = 'Pw-7f3c-秘密';
const needles = secretNeedles(SECRET);

function buried(bytes: Buffer, before: number): Buffer {
  return Buffer.concat([Buffer.from('x'.repeat(before)), bytes, Buffer.from('{"tail":1}')]);
}

describe('secretNeedles', () => {
  it.each([0, 1, 2, 5])('finds every encoding of the secret after %i other bytes', (before) => {
    const utf8 = Buffer.from(SECRET, 'utf8');
    const utf16 = Buffer.from(SECRET, 'utf16le');
    const encodings: [string, Buffer][] = [
      ['UTF-8', utf8],
      ['UTF-16LE', utf16],
      ['UTF-16BE', Buffer.from(utf16).swap16()],
      ['hex', Buffer.from(utf8.toString('hex'))],
      ['HEX', Buffer.from(utf8.toString('hex').toUpperCase())],
      ['hex of UTF-16LE', Buffer.from(utf16.toString('hex'))],
      ['percent', Buffer.from(encodeURIComponent(SECRET))],
      [
        'JSON',
        Buffer.from(JSON.stringify(SECRET).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)),
      ],
    ];
    for (const [name, bytes] of encodings) {
      expect(findNeedles(buried(bytes, before), needles), name).not.toEqual([]);
    }
    // base64 of a longer text that holds the secret at any offset.
    for (const shift of [0, 1, 2]) {
      const text = Buffer.concat([Buffer.from('user:'.slice(0, 3 + shift)), utf8, Buffer.from('!')]);
      expect(findNeedles(Buffer.from(text.toString('base64')), needles), `base64 shift ${shift}`).not.toEqual([]);
      expect(findNeedles(Buffer.from(text.toString('base64url')), needles), `base64url shift ${shift}`).not.toEqual([]);
      const wide = Buffer.concat([Buffer.alloc(shift), utf16]);
      expect(findNeedles(Buffer.from(wide.toString('base64')), needles), `base64 UTF-16 ${shift}`).not.toEqual([]);
    }
  });

  it('finds the MD5 of the secret in hex of both cases', () => {
    const md5 = createHash('md5').update(SECRET, 'utf8').digest('hex');
    expect(findNeedles(Buffer.from(`password=${md5.toUpperCase()}&x`), md5Needles(SECRET))).not.toEqual([]);
    expect(findNeedles(Buffer.from(`"${md5}"`), md5Needles(SECRET))).not.toEqual([]);
  });

  it('finds nothing in text without the secret, redacted text included', () => {
    const clean = Buffer.from(
      `password=[REDACTED] Pw-7f3c-秘 ${Buffer.from('Pw-7f3c-').toString('base64')} ${'A'.repeat(500)}`,
    );
    expect(findNeedles(clean, [...needles, ...md5Needles(SECRET)])).toEqual([]);
  });
});

describe('scanTree', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-scan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports each file holding the secret, in nested folders, with the forms found', () => {
    mkdirSync(join(dir, 'logs', 'old'), { recursive: true });
    writeFileSync(join(dir, 'clean.json'), '{"password":"[REDACTED]"}');
    writeFileSync(join(dir, 'logs', 'old', 'main.1.log'), `[info] login ${SECRET}\n`);
    writeFileSync(join(dir, 'db.sqlite-wal'), Buffer.concat([Buffer.alloc(100), Buffer.from(SECRET, 'utf16le')]));
    const hits = scanTree(dir, needles).sort((a, b) => a.file.localeCompare(b.file));
    expect(hits.map((hit) => hit.file)).toEqual(['db.sqlite-wal', join('logs', 'old', 'main.1.log')]);
    expect(hits[0]?.forms).toContain('secret UTF-16LE');
    expect(hits[1]?.forms).toContain('secret UTF-8');
  });
});
