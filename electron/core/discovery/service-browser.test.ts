import { EventEmitter } from 'node:events';
import type { RemoteInfo } from 'node:dgram';
import { Browser } from 'bonjour-service';
import { describe, expect, it } from 'vitest';
import { browseServiceType, type BrowsedService, type DnsPacket, type DnsRecord } from './service-browser.ts';

/** A stand-in for multicast-dns: records the queries, delivers responses to the listeners. */
function fakeMdns() {
  const emitter = new EventEmitter();
  const queries: Array<[string, string]> = [];
  return {
    queries,
    on: (event: 'response', listener: (packet: DnsPacket, rinfo: RemoteInfo) => void) => emitter.on(event, listener),
    removeListener: (event: 'response', listener: (packet: DnsPacket, rinfo: RemoteInfo) => void) =>
      emitter.removeListener(event, listener),
    query: (name: string, type: string) => void queries.push([name, type]),
    deliver: (packet: DnsPacket, from = '10.77.0.10') =>
      emitter.emit('response', packet, { address: from, family: 'IPv4', port: 5353, size: 100 } satisfies RemoteInfo),
  };
}

const txt = (pairs: string[]): Buffer[] => pairs.map((p) => Buffer.from(p));

/** A terminal's answer to a PTR query, as the site's responders send it. */
function answer(instance: string, address: string, ttl = 120, type = '_http._tcp.local'): DnsPacket {
  const fqdn = `${instance}.${type}`;
  const host = `${instance.replace(/\W/g, '-').toLowerCase()}.local`;
  const records: DnsRecord[] = [
    { name: type, type: 'PTR', ttl: ttl && 28800, data: fqdn },
    { name: fqdn, type: 'SRV', ttl, data: { port: 5555, target: host } },
    { name: fqdn, type: 'TXT', ttl, data: txt(['vendor=sophon', 'serial=SPH1', 'empty=', 'x', 'eq=a=b']) },
    { name: host, type: 'A', ttl, data: address },
  ];
  return { answers: records.slice(0, 1), additionals: records.slice(1) };
}

describe('browseServiceType', () => {
  it('reports each advertised service once, as bonjour-service’s Browser reads the same packets', () => {
    const mdns = fakeMdns();
    const ours: BrowsedService[] = [];
    const theirs: Array<Record<string, unknown>> = [];
    browseServiceType(mdns, 'http', { up: (s) => ours.push(s), down: () => undefined });
    const reference = new Browser(mdns as never, { type: 'http', protocol: 'tcp' });
    reference.on('up', (s) => theirs.push(s as unknown as Record<string, unknown>));
    expect(mdns.queries).toEqual([
      ['_http._tcp.local', 'PTR'],
      ['_http._tcp.local', 'PTR'],
    ]);

    mdns.deliver(answer('Sophon FR-1 SPH1', '10.77.0.10'));
    mdns.deliver(answer('Sophon FR-1 SPH1', '10.77.0.10'));
    mdns.deliver(answer('BAS-IP AV-07 BIP2', '10.77.0.11'), '10.77.0.11');
    mdns.deliver(answer('Other', '10.77.0.12', 120, '_ipp._tcp.local'));

    expect(ours.map((s) => s.name)).toEqual(['Sophon FR-1 SPH1', 'BAS-IP AV-07 BIP2']);
    expect(ours.length).toBe(theirs.length);
    ours.forEach((service, i) => {
      const reference = theirs[i] as Record<string, unknown>;
      for (const field of ['name', 'fqdn', 'host', 'port', 'type', 'protocol', 'txt', 'addresses', 'ttl'] as const) {
        expect(service[field], field).toEqual(reference[field]);
      }
      expect(service.referer.address).toBe((reference.referer as RemoteInfo).address);
    });
    expect(ours[0]?.txt).toEqual({ vendor: 'sophon', serial: 'SPH1', 'empty=': undefined, eq: 'a=b' });
  });

  it('matches names whatever their case, and reports down on a goodbye (TTL 0), once', () => {
    const mdns = fakeMdns();
    const events: string[] = [];
    browseServiceType(mdns, 'http', {
      up: (s) => events.push(`up ${s.name}`),
      down: (s) => events.push(`down ${s.name}`),
    });
    const loud = answer('Sophon FR-1 SPH1', '10.77.0.10');
    loud.answers = loud.answers?.map((r) => ({ ...r, name: r.name.toUpperCase() }));
    mdns.deliver(loud);
    mdns.deliver({
      answers: [{ name: '_http._tcp.local', type: 'PTR', ttl: 0, data: 'SOPHON FR-1 SPH1._http._tcp.local' }],
    });
    mdns.deliver({
      answers: [{ name: '_http._tcp.local', type: 'PTR', ttl: 0, data: 'Sophon FR-1 SPH1._http._tcp.local' }],
    });
    expect(events).toEqual(['up Sophon FR-1 SPH1', 'down Sophon FR-1 SPH1']);
  });

  it('ignores a PTR without its SRV, expires a service after its TTL, and stops listening when stopped', () => {
    const mdns = fakeMdns();
    const events: string[] = [];
    const browser = browseServiceType(mdns, 'http', {
      up: (s) => events.push(`up ${s.name}`),
      down: (s) => events.push(`down ${s.name}`),
    });
    mdns.deliver({ answers: [{ name: '_http._tcp.local', type: 'PTR', ttl: 120, data: 'Lonely._http._tcp.local' }] });
    const short = answer('Brief', '10.77.0.13');
    short.answers = short.answers?.map((r) => ({ ...r, ttl: 1 }));
    mdns.deliver(short);
    browser.expire();
    expect(events).toEqual(['up Brief']);
    const seen = Date.now;
    try {
      Date.now = () => seen() + 1_500;
      browser.expire();
    } finally {
      Date.now = seen;
    }
    expect(events).toEqual(['up Brief', 'down Brief']);
    browser.update();
    expect(mdns.queries.at(-1)).toEqual(['_http._tcp.local', 'PTR']);
    browser.stop();
    mdns.deliver(answer('Late', '10.77.0.14'));
    expect(events).toEqual(['up Brief', 'down Brief']);
  });
});
