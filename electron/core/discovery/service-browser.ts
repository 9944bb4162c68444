import type { RemoteInfo } from 'node:dgram';

/** A DNS resource record as multicast-dns decodes it (only what browsing reads). */
export interface DnsRecord {
  name: string;
  type: string;
  ttl: number;
  data: unknown;
}

/** A decoded mDNS packet. */
export interface DnsPacket {
  answers?: DnsRecord[];
  additionals?: DnsRecord[];
}

/** The multicast-dns instance a bonjour-service object runs (its responder's socket): what browsing uses. */
export interface MulticastDns {
  on(event: 'response', listener: (packet: DnsPacket, rinfo: RemoteInfo) => void): unknown;
  removeListener(event: 'response', listener: (packet: DnsPacket, rinfo: RemoteInfo) => void): unknown;
  query(name: string, type: string): void;
}

/** A service seen by a {@link ServiceBrowser}, in the shape of bonjour-service's `Service` fields we read. */
export interface BrowsedService {
  name: string;
  fqdn: string;
  host: string;
  port: number;
  type: string;
  protocol: string;
  txt: Record<string, string | undefined>;
  addresses: string[];
  referer: RemoteInfo;
  ttl: number;
  lastSeen: number;
}

/** What a {@link ServiceBrowser} reports. */
export interface ServiceBrowserListener {
  up(service: BrowsedService): void;
  down(service: BrowsedService): void;
}

/** Browses one service type (`_type._tcp.local`) over a multicast-dns instance. */
export interface ServiceBrowser {
  /** Sends the PTR query again. */
  update(): void;
  /** Reports `down` for every service whose PTR's TTL has run out since it was first seen. */
  expire(): void;
  stop(): void;
}

const lower = (name: string): string => name.toLowerCase();

/** Decodes TXT strings as bonjour-service does: `key=value` per string of more than one byte, split at the first `=`. */
function decodeTxt(data: unknown): Record<string, string | undefined> {
  const txt: Record<string, string | undefined> = {};
  for (const item of Array.isArray(data) ? (data as unknown[]) : []) {
    if (!(item instanceof Uint8Array) || item.length <= 1) continue;
    const [key, value] = Buffer.from(item).toString().split(/=(.+)/);
    txt[key as string] = value;
  }
  return txt;
}

/** The `_type._tcp` part of an instance's full name (after its first label), as bonjour-service reads it. */
function typeOf(fqdn: string): { type: string; protocol: string } {
  const parts = fqdn.split('.').slice(1, -1);
  return { type: (parts[0] ?? '').replace(/^_/, ''), protocol: (parts[1] ?? '').replace(/^_/, '') };
}

/**
 * Browses `_${type}._tcp.local` the way bonjour-service's Browser does (the PTR query at start and on
 * {@link ServiceBrowser.update}; a service per PTR answer with its SRV, TXT and A/AAAA records; `down` on a
 * goodbye, TTL 0, or on expiry), but keeps the services in a map keyed by lower-cased full name: its Browser
 * compares each answer with every service seen so far, and a site of 200 terminals answering at once then
 * costs the app tens of thousands of name comparisons while the answers queue. A service already seen is not
 * reported again (its changed SRV or TXT is not followed, as the app never listened to those events).
 */
export function browseServiceType(mdns: MulticastDns, type: string, listener: ServiceBrowserListener): ServiceBrowser {
  const name = `_${type}._tcp.local`;
  const key = lower(name);
  const services = new Map<string, BrowsedService>();

  const remove = (fqdn: string): void => {
    const found = services.get(lower(fqdn));
    if (!found) return;
    services.delete(lower(fqdn));
    listener.down(found);
  };

  const onResponse = (packet: DnsPacket, rinfo: RemoteInfo): void => {
    const all = [...(packet.answers ?? []), ...(packet.additionals ?? [])];
    for (const rr of all) {
      if (rr.type === 'PTR' && rr.ttl === 0 && lower(rr.name) === key) remove(String(rr.data));
    }
    const live = all.filter((rr) => rr.ttl > 0);
    const receivedAt = Date.now();
    for (const ptr of live) {
      if (ptr.type !== 'PTR' || lower(ptr.name) !== key) continue;
      const fqdn = String(ptr.data);
      const own = live.filter((rr) => (rr.type === 'SRV' || rr.type === 'TXT') && lower(rr.name) === lower(fqdn));
      const srv = own.filter((rr) => rr.type === 'SRV').at(-1);
      if (!srv) continue;
      if (services.has(lower(fqdn))) continue;
      const txt = own.filter((rr) => rr.type === 'TXT').at(-1);
      const { port, target } = (srv.data ?? {}) as { port?: number; target?: string };
      const host = String(target ?? '');
      const service: BrowsedService = {
        name: srv.name.split('.')[0] ?? '',
        fqdn: srv.name,
        host,
        port: port as number,
        ...typeOf(srv.name),
        txt: txt ? decodeTxt(txt.data) : {},
        addresses: live
          .filter((rr) => (rr.type === 'A' || rr.type === 'AAAA') && lower(rr.name) === lower(host))
          .map((rr) => String(rr.data)),
        referer: rinfo,
        ttl: ptr.ttl,
        lastSeen: receivedAt,
      };
      services.set(lower(fqdn), service);
      listener.up(service);
    }
  };

  mdns.on('response', onResponse);
  mdns.query(name, 'PTR');
  return {
    update: () => mdns.query(name, 'PTR'),
    expire: () => {
      const now = Date.now();
      for (const service of [...services.values()]) {
        if (service.ttl && service.lastSeen + service.ttl * 1000 < now) remove(service.fqdn);
      }
    },
    stop: () => void mdns.removeListener('response', onResponse),
  };
}
