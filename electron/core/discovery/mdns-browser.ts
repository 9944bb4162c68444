import { Bonjour, type ServiceConfig } from 'bonjour-service';
import { createSocket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import type { NetworkAdapter } from '../../../shared/domain/status.ts';
import { ipv4ToNumber } from './address.ts';
import { sanitizeAdvertisedText, sanitizeTxt, validPort } from './advertisement.ts';
import { browseServiceType, type MulticastDns, type ServiceBrowser } from './service-browser.ts';

/** Service types browsed by default; the settings may add vendor types. */
export const DEFAULT_SERVICE_TYPES = ['http', 'https'] as const;

/** A service seen on an adapter, already sanitised. */
export interface MdnsCandidate {
  /** Stable key of the advertisement: adapter + type + instance name. */
  key: string;
  name: string;
  /** `http` or `https` (the scheme to probe with), or the configured vendor type. */
  type: string;
  /** IPv4 addresses of the service, preferring those inside the adapter's subnet. */
  addresses: string[];
  /** The advertised port, or null when it was not a real port (then discovery tries the kind's defaults). */
  port: number | null;
  txt: Record<string, string>;
  adapter: string;
}

/** What the browser reports. */
export interface MdnsListener {
  up(candidate: MdnsCandidate): void;
  /** A goodbye packet or an expired record. */
  down(key: string): void;
  error(adapter: string, error: unknown): void;
}

/** Running browsers on a set of adapters. */
export interface MdnsBrowsing {
  /** Sends the queries again (e.g. when the technician presses Refresh). */
  refresh(): void;
  stop(): Promise<void>;
}

/** Receive buffer of each mDNS socket (the OS may cap it, e.g. Linux at net.core.rmem_max). */
export const MDNS_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/** How often records are checked for expiry and queries re-sent. */
const EXPIRE_EVERY_MS = 5_000;
const REQUERY_EVERY_MS = 30_000;

/**
 * The multicast-dns instance of a bonjour-service object (its responder's socket, a private field of the
 * pinned bonjour-service version): browsing runs on it with {@link browseServiceType}.
 */
function multicastOf(bonjour: Bonjour): MulticastDns {
  const mdns = (bonjour as unknown as { server?: { mdns?: MulticastDns } }).server?.mdns;
  if (!mdns || typeof mdns.query !== 'function') throw new Error('bonjour-service no longer exposes its mDNS socket');
  return mdns;
}

/**
 * Browses the given service types with one mDNS responder per adapter (bound to that adapter's address):
 * laptops have several adapters and one shared socket listens on the wrong one. The caller checks the mDNS
 * policy before calling this.
 */
export function startMdnsBrowsing(
  adapters: readonly NetworkAdapter[],
  serviceTypes: readonly string[],
  listener: MdnsListener,
): MdnsBrowsing {
  const running: { bonjour: Bonjour; browsers: ServiceBrowser[] }[] = [];
  const timers: NodeJS.Timeout[] = [];

  for (const adapter of adapters) {
    let bonjour: Bonjour;
    let mdns: MulticastDns;
    try {
      // The options reach multicast-dns (bonjour-service's type omits them): `interface` picks the adapter
      // that joins the group and sends; `bind` must stay the wildcard, because on Linux a socket bound to a
      // unicast address never receives the multicast answers.
      // A large receive buffer: on a big site every terminal answers a query at the same moment, and the
      // default buffer (about 208 KiB on Linux) drops one answer in five at 200 terminals (BENCHMARKS.md).
      const socket = createSocket({ type: 'udp4', reuseAddr: true, recvBufferSize: MDNS_RECEIVE_BUFFER_BYTES });
      const options = { interface: adapter.address, bind: '0.0.0.0', socket } as unknown as Partial<ServiceConfig>;
      bonjour = new Bonjour(options, (error: unknown) => listener.error(adapter.name, error));
      mdns = multicastOf(bonjour);
    } catch (error) {
      listener.error(adapter.name, error);
      continue;
    }
    const browsers = serviceTypes.map((type) =>
      browseServiceType(mdns, type, {
        up: (service) => {
          const candidate = toCandidate(service, type, adapter);
          if (candidate) listener.up(candidate);
        },
        down: (service) => listener.down(candidateKey(adapter.name, type, service.name)),
      }),
    );
    running.push({ bonjour, browsers });
  }

  timers.push(setInterval(() => running.forEach((r) => r.browsers.forEach((b) => b.expire())), EXPIRE_EVERY_MS));
  timers.push(setInterval(() => running.forEach((r) => r.browsers.forEach((b) => b.update())), REQUERY_EVERY_MS));
  for (const timer of timers) timer.unref();

  return {
    refresh: () => running.forEach((r) => r.browsers.forEach((b) => b.update())),
    stop: async () => {
      timers.forEach(clearInterval);
      await Promise.all(
        running.map(
          ({ bonjour, browsers }) =>
            new Promise<void>((resolve) => {
              browsers.forEach((b) => b.stop());
              bonjour.destroy(() => resolve());
            }),
        ),
      );
    },
  };
}

function candidateKey(adapter: string, type: string, name: unknown): string {
  return `${adapter}|${type}|${sanitizeAdvertisedText(name, 256)}`;
}

/**
 * An advertisement as a browser reports it (a {@link BrowsedService}, or bonjour-service's `Service`); every
 * field may be hostile.
 */
export interface Advertised {
  addresses?: string[];
  referer?: { address?: string } | null;
  name?: unknown;
  port?: unknown;
  txt?: unknown;
}

/** Turns a browsed service into a sanitised candidate; null when it has no IPv4 address. */
export function toCandidate(service: Advertised, type: string, adapter: NetworkAdapter): MdnsCandidate | null {
  const addresses = (service.addresses ?? []).filter((a) => isIPv4(a));
  if (service.referer?.address && isIPv4(service.referer.address) && !addresses.includes(service.referer.address)) {
    addresses.push(service.referer.address);
  }
  if (addresses.length === 0) return null;
  const inSubnet = adapter.cidr ? addresses.filter((a) => sameSubnet(a, adapter.cidr as string)) : [];
  return {
    key: candidateKey(adapter.name, type, service.name),
    name: sanitizeAdvertisedText(service.name),
    type,
    addresses: inSubnet.length > 0 ? [...inSubnet, ...addresses.filter((a) => !inSubnet.includes(a))] : addresses,
    port: validPort(service.port),
    txt: sanitizeTxt(service.txt),
    adapter: adapter.name,
  };
}

function sameSubnet(address: string, cidr: string): boolean {
  const [network = '', prefixText = '32'] = cidr.split('/');
  const prefix = Number(prefixText);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (ipv4ToNumber(address) & mask) >>> 0 === (ipv4ToNumber(network) & mask) >>> 0;
}
