import { isIPv4 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import {
  MAX_SWEEP_PREFIX,
  parseSubnet,
  parseTypedAddress,
  subnetAddresses,
} from '../../electron/core/discovery/address.ts';
import { show } from './harness.ts';
import { fuzzOptions, fuzzTimeout } from './runs.ts';

/**
 * What a technician types as a terminal address or a subnet to sweep. The rule: a value within its
 * limits, or AppError('VALIDATION') with a short message; never another exception.
 */

const HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

const octet = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map(String),
  fc.constantFrom('256', '-1', '01', '', ' 1', '1e2', '0x1'),
);
const ipish = fc.array(octet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.'));
const portish = fc.oneof(fc.integer({ min: -1, max: 100_000 }).map(String), fc.constantFrom('', '00080', ' 80', '8O'));

/** Addresses as typed: IPv4 with and without ports, host names, URLs of any scheme, IPv6, and junk. */
const typed = fc.oneof(
  fc.tuple(ipish, fc.option(portish)).map(([ip, port]) => (port === null ? ip : `${ip}:${port}`)),
  fc
    .tuple(
      fc.constantFrom('http', 'https', 'ftp', 'HTTP', 'javascript', 'file'),
      fc.oneof(ipish, fc.domain()),
      fc.option(portish),
      fc.string({ maxLength: 10 }),
    )
    .map(([scheme, host, port, path]) => `${scheme}://${host}${port === null ? '' : `:${port}`}/${path}`),
  fc.domain(),
  fc.webUrl(),
  fc.ipV6().map((ip) => `http://[${ip}]:80`),
  fc.string({ maxLength: 80, unit: 'binary' }),
  fc.string({ maxLength: 40, unit: 'grapheme-ascii' }),
  fc.constantFrom(
    'http://user:pw@10.0.0.1:80',
    'http://10.0.0.1:0',
    'http://[::1]',
    '10.0.0.1:',
    ':80',
    '　10.0.0.1　',
  ),
);

const subnetish = fc.oneof(
  fc
    .tuple(
      ipish,
      fc.option(fc.oneof(fc.integer({ min: -1, max: 40 }).map(String), fc.constantFrom('', '024', '22.0', ' 24'))),
    )
    .map(([ip, prefix]) => (prefix === null ? ip : `${ip}/${prefix}`)),
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 33 })).map(([ip, prefix]) => `${ip}/${prefix}`),
  fc.string({ maxLength: 64, unit: 'binary' }),
  fc.constantFrom('10.0.0.0/24/1', '10.0.0.0//24', '/24', '10.0.0.0/'),
);

function expectValidationError(error: unknown, context: string): void {
  expect(error, context).toBeInstanceOf(AppError);
  expect((error as AppError).code, context).toBe('VALIDATION');
  expect((error as AppError).message.length, context).toBeLessThan(400);
}

describe('fuzzing typed addresses and subnets', () => {
  it(
    'parses a typed address into host, port and scheme within their limits, or refuses it',
    () => {
      fc.assert(
        fc.property(typed, (input) => {
          let address: ReturnType<typeof parseTypedAddress>;
          try {
            address = parseTypedAddress(input);
          } catch (error) {
            expectValidationError(error, show(input));
            return;
          }
          const context = `${show(input)} → ${show(address)}`;
          expect(isIPv4(address.host) || HOSTNAME.test(address.host), context).toBe(true);
          expect(address.host.length, context).toBeLessThanOrEqual(253);
          expect(['http', 'https'], context).toContain(address.scheme);
          if (address.port !== null) {
            expect(Number.isInteger(address.port) && address.port >= 1 && address.port <= 65535, context).toBe(true);
          }
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(1),
  );

  it(
    'parses a subnet of at most /22 whose addresses all lie inside it, or refuses it',
    () => {
      fc.assert(
        fc.property(subnetish, (input) => {
          let subnet: ReturnType<typeof parseSubnet>;
          try {
            subnet = parseSubnet(input);
          } catch (error) {
            expectValidationError(error, show(input));
            return;
          }
          const context = `${show(input)} → ${show(subnet)}`;
          expect(subnet.prefix, context).toBeGreaterThanOrEqual(MAX_SWEEP_PREFIX);
          expect(subnet.prefix, context).toBeLessThanOrEqual(32);
          expect(subnet.size, context).toBe(subnet.last - subnet.first + 1);
          expect(subnet.size, context).toBeGreaterThanOrEqual(1);
          expect(subnet.size, context).toBeLessThanOrEqual(2 ** (32 - MAX_SWEEP_PREFIX));
          expect(parseSubnet(subnet.cidr), context).toEqual(subnet);
          const all = [...subnetAddresses(subnet)];
          expect(all, context).toHaveLength(subnet.size);
          for (const a of [all[0], all.at(-1)]) expect(isIPv4(a ?? ''), context).toBe(true);
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(1),
  );

  it('regression: a URL with port 0 is refused like a plain address with port 0', () => {
    expect(() => parseTypedAddress('10.0.0.1:0')).toThrow(AppError);
    expect(() => parseTypedAddress('http://10.0.0.1:0')).toThrow(AppError);
  });
});
