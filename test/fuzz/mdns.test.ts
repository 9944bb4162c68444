import { isIPv4 } from 'node:net';
import type { Service } from 'bonjour-service';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkAdapter } from '../../shared/domain/status.ts';
import { TerminalSchema } from '../../shared/domain/terminal.ts';
import {
  MAX_ADVERTISED_TEXT,
  sanitizeAdvertisedText,
  sanitizeTxt,
  validPort,
} from '../../electron/core/discovery/advertisement.ts';
import { kindFromTxt } from '../../electron/core/discovery/identify.ts';
import { toCandidate } from '../../electron/core/discovery/mdns-browser.ts';
import { junk } from './ipc-payloads.ts';
import { show } from './harness.ts';
import { fuzzOptions, fuzzTimeout } from './runs.ts';

/**
 * What mDNS brings in from the LAN: instance names, TXT records and ports of any device, hostile ones
 * included. The rule: a sanitised value within its limits (no control or bidi characters, length caps
 * in code points, which is how zod 4's `max` counts a string), never a throw.
 */

/** Length in code points (zod 4 counts `max` this way once the UTF-16 length is over the limit). */
const codePoints = (text: string): number => [...text].length;

// The characters sanitising removes: C0/C1 controls, zero-width and bidi controls, the BOM.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** Hostile text: controls, bidi overrides, astral characters, lone surrogates, long runs, HTML. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 300, unit: 'binary' }),
  fc.string({ maxLength: 60, unit: 'grapheme' }),
  fc
    .array(
      fc.constantFrom(
        '\u0000',
        '\u202e',
        '\u2066',
        '\ufeff',
        '\u200b',
        '\ud800',
        '\udfff',
        '😀',
        'İ',
        ' ',
        '\t',
        '<b>',
        'x',
      ),
      { maxLength: 300 },
    )
    .map((parts) => parts.join('')),
  fc.constantFrom('😀'.repeat(200), 'İ'.repeat(200), '\u0085'.repeat(5000), `${'a'.repeat(127)}😀b`),
);

/** What a TXT value or name can be on the wire: text, bytes (invalid UTF-8 too), or anything at all. */
const advertised = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  fc.uint8Array({ maxLength: 512 }),
  fc.integer({ min: 1, max: 100_000 }).map((n) => Buffer.alloc(n, 0xff)),
  junk,
);

function expectSanitised(text: string, max: number, context: string): void {
  expect(typeof text, context).toBe('string');
  expect(codePoints(text), context).toBeLessThanOrEqual(max);
  expect(FORBIDDEN.test(text), context).toBe(false);
  // What is announced must be what SQLite stores: no lone surrogates (it would store U+FFFD instead).
  expect(text.isWellFormed(), context).toBe(true);
  expect(text, context).toBe(text.trim());
  expect(/\s{2}/.test(text), context).toBe(false);
}

const txtRecord = fc.oneof(
  fc.dictionary(
    fc.oneof(hostileText, fc.constantFrom('__proto__', 'CONSTRUCTOR', 'prototype', 'Serial', 'İ'.repeat(40))),
    advertised,
    {
      maxKeys: 40,
    },
  ),
  fc.array(advertised, { maxLength: 5 }),
  junk,
);

const adapter: fc.Arbitrary<NetworkAdapter> = fc.record({
  name: fc.constantFrom('eth0', 'Wi-Fi', 'en0'),
  address: fc.constantFrom('192.168.1.2', '10.77.0.2'),
  cidr: fc.constantFrom('192.168.1.0/24', '10.0.0.0/8', null),
  internal: fc.constant(false),
});

const address = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('192.168.1.300', '1.2.3', ''),
);

/** A service as bonjour-service builds it from a packet, with every field any value a device could send. */
const service = fc.record(
  {
    name: advertised,
    port: fc.oneof(fc.integer({ min: -1, max: 70_000 }), junk),
    txt: txtRecord,
    addresses: fc.array(address, { maxLength: 6 }),
    referer: fc.option(fc.record({ address, family: fc.constant('IPv4'), port: fc.nat(), size: fc.nat() })),
  },
  { requiredKeys: ['name', 'addresses'] },
);

describe('fuzzing what mDNS brings in', () => {
  it(
    'sanitises any advertised text within its cap, idempotently',
    () => {
      fc.assert(
        fc.property(advertised, fc.option(fc.integer({ min: 1, max: 300 })), (value, max) => {
          const cap = max ?? MAX_ADVERTISED_TEXT;
          const text = max === null ? sanitizeAdvertisedText(value) : sanitizeAdvertisedText(value, max);
          const context = show(value);
          expectSanitised(text, cap, context);
          expect(sanitizeAdvertisedText(text, cap), context).toBe(text);
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(8),
  );

  it(
    'keeps at most 32 short, clean TXT keys with clean values, and never a prototype key',
    () => {
      fc.assert(
        fc.property(txtRecord, (txt) => {
          const out = sanitizeTxt(txt);
          const context = show(txt);
          expect(Object.getPrototypeOf(out), context).toBe(Object.prototype);
          const keys = Object.keys(out);
          expect(keys.length, context).toBeLessThanOrEqual(32);
          for (const key of keys) {
            expect(['', '__proto__', 'constructor', 'prototype'], context).not.toContain(key);
            expect(key, context).toBe(key.toLowerCase());
            // Keys are cut to 32 and then lower-cased, which can double a character ("İ" → "i̇").
            expectSanitised(key, 64, context);
            expectSanitised(out[key] as string, MAX_ADVERTISED_TEXT, context);
          }
          expect([undefined, 'sophon', 'basip'], context).toContain(kindFromTxt(out));
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(8),
  );

  it(
    'accepts only whole ports from 1 to 65535',
    () => {
      fc.assert(
        fc.property(fc.oneof(junk, fc.integer(), fc.double()), (value) => {
          const real = typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
          expect(validPort(value), show(value)).toBe(real ? value : null);
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(1),
  );

  it(
    'turns any advertisement into a sanitised candidate that fits a terminal row, or null without IPv4',
    () => {
      fc.assert(
        fc.property(service, fc.constantFrom('http', 'https'), adapter, (raw, type, seenOn) => {
          const context = show(raw);
          const candidate = toCandidate(raw as unknown as Service, type, seenOn);
          const offered = [...raw.addresses, ...(raw.referer ? [raw.referer.address] : [])].filter((a) => isIPv4(a));
          if (offered.length === 0) {
            expect(candidate, context).toBeNull();
            return;
          }
          expect(candidate, context).not.toBeNull();
          if (!candidate) return;
          expectSanitised(candidate.name, MAX_ADVERTISED_TEXT, context);
          expect(codePoints(candidate.key), context).toBeLessThanOrEqual(seenOn.name.length + type.length + 2 + 256);
          expect(candidate.addresses.length, context).toBeGreaterThan(0);
          for (const a of candidate.addresses) expect(offered, context).toContain(a);
          if (candidate.port !== null) expect(validPort(candidate.port), context).toBe(candidate.port);
          // What discovery stores from it must fit the inventory's schema.
          const row = {
            serial: candidate.txt.serial || 'addr:192.168.1.9:80',
            kind: 'unknown',
            apiVersion: null,
            name: candidate.name,
            model: candidate.txt.model || null,
            firmware: candidate.txt.firmware || null,
            address: candidate.addresses[0],
            port: candidate.port ?? 80,
            online: true,
            lastSeen: 0,
            credentials: 'unknown',
            peopleCount: null,
            capacity: null,
            source: 'mdns',
            adapter: candidate.adapter,
          };
          expect(TerminalSchema.safeParse(row).success, `${context} → ${show(row)}`).toBe(true);
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(8),
  );

  it('cuts astral text to the cap in code points, as the inventory schema counts it', () => {
    const name = sanitizeAdvertisedText('😀'.repeat(200));
    expect(codePoints(name)).toBe(MAX_ADVERTISED_TEXT);
    expect(name.endsWith('😀…')).toBe(true);
    expect(TerminalSchema.shape.serial.safeParse(name).success).toBe(true);
    expect(TerminalSchema.shape.model.safeParse(name).success).toBe(true);
  });
});
