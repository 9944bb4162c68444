import { isIPv4 } from 'node:net';
import { AppError } from '../../../shared/errors.ts';

/** An address a technician typed: the host, and the port and scheme when given. */
export interface TypedAddress {
  host: string;
  port: number | null;
  scheme: 'http' | 'https';
}

const HOSTNAME =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/**
 * Why a typed address was refused: the message code the UI and CLI turn into words
 * (`details.messageCode` = `address.<problem>`, `details.params.text` = what was typed).
 */
export type AddressProblem =
  'empty' | 'url-unreadable' | 'scheme' | 'host' | 'port-range' | 'characters' | 'ipv4-range';

/** Why a typed subnet was refused (`details.messageCode` = `subnet.<problem>`). */
export type SubnetProblem = 'form' | 'prefix-range' | 'too-wide';

/**
 * Parses `IP`, `IP:port`, `host`, `host:port` or an http(s) URL into a {@link TypedAddress}.
 * Anything else is a VALIDATION error that shows an example of what is accepted, with its message code.
 */
export function parseTypedAddress(input: string): TypedAddress {
  const text = input.trim();
  const invalid = (problem: AddressProblem, why: string): AppError =>
    new AppError(
      'VALIDATION',
      `"${text.slice(0, 80)}" is not a terminal address: ${why}. Type for example 192.168.1.20, 192.168.1.20:5555 or http://192.168.1.20:80.`,
      { messageCode: `address.${problem}`, params: { text: text.slice(0, 80) } },
    );
  if (text === '') throw invalid('empty', 'it is empty');

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw invalid('url-unreadable', 'the URL cannot be read');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw invalid('scheme', 'only http and https are supported');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!isIPv4(host) && !HOSTNAME.test(host)) throw invalid('host', 'the host name is not valid');
    const port = url.port ? Number(url.port) : null;
    if (port === 0) throw invalid('port-range', 'the port must be from 1 to 65535');
    return { host, port, scheme: url.protocol === 'https:' ? 'https' : 'http' };
  }

  const match = /^([^:\s/]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) throw invalid('characters', 'it has characters an address cannot have');
  const host = match[1] ?? '';
  if (/^[\d.]+$/.test(host) && !isIPv4(host)) throw invalid('ipv4-range', 'the IPv4 address is out of range');
  if (!isIPv4(host) && !HOSTNAME.test(host)) throw invalid('host', 'the host name is not valid');
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65535)) throw invalid('port-range', 'the port must be from 1 to 65535');
  return { host, port, scheme: 'http' };
}

/** The widest subnet a sweep may cover: /22, 1,024 addresses. */
export const MAX_SWEEP_PREFIX = 22;

/** A parsed IPv4 subnet. */
export interface Subnet {
  /** The text form, normalised (e.g. "10.0.0.0/24"). */
  cidr: string;
  prefix: number;
  /** First and last address to probe, as 32-bit numbers (network and broadcast excluded below /31). */
  first: number;
  last: number;
  /** How many addresses a sweep probes. */
  size: number;
}

/** Parses `a.b.c.d/n` (or a single address, as /32) and refuses anything wider than /22. */
export function parseSubnet(input: string): Subnet {
  const text = input.trim();
  const [addressText = '', prefixText = '32', extra] = text.split('/');
  const invalid = (problem: SubnetProblem, why: string): AppError =>
    new AppError(
      'VALIDATION',
      `"${text.slice(0, 80)}" is not a subnet to sweep: ${why}. Type for example 192.168.1.0/24.`,
      {
        messageCode: `subnet.${problem}`,
        params: { text: text.slice(0, 80), max: MAX_SWEEP_PREFIX },
      },
    );
  if (extra !== undefined || !isIPv4(addressText) || !/^\d{1,2}$/.test(prefixText))
    throw invalid('form', 'use the form a.b.c.d/n');
  const prefix = Number(prefixText);
  if (prefix > 32) throw invalid('prefix-range', 'the prefix must be from 22 to 32');
  if (prefix < MAX_SWEEP_PREFIX) {
    throw invalid(
      'too-wide',
      `it covers ${2 ** (32 - prefix)} addresses and a sweep covers at most /${MAX_SWEEP_PREFIX} (1,024)`,
    );
  }
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const network = (ipv4ToNumber(addressText) & mask) >>> 0;
  const broadcast = (network | (~mask >>> 0)) >>> 0;
  const first = prefix >= 31 ? network : network + 1;
  const last = prefix >= 31 ? broadcast : broadcast - 1;
  return { cidr: `${numberToIpv4(network)}/${prefix}`, prefix, first, last, size: last - first + 1 };
}

/** Every address a sweep of `subnet` probes, in order; never one outside it. */
export function* subnetAddresses(subnet: Subnet): Generator<string> {
  for (let n = subnet.first; n <= subnet.last; n++) yield numberToIpv4(n);
}

/** `a.b.c.d` → 32-bit unsigned number. */
export function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

/** 32-bit unsigned number → `a.b.c.d`. */
export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}
