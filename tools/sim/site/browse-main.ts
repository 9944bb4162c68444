import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import type { Service } from 'bonjour-service';
import { assertIsolatedForMdns } from './isolation.ts';
import { createIsolatedBonjour } from './mdns.ts';

/** One line browse-main.ts prints per event (plus `{"event":"ready"}` once it has asked the network). */
export interface BrowseEvent {
  event: 'up' | 'down';
  name: string;
  host: string;
  addresses: string[];
  port: number;
  txt: Record<string, string>;
  /** The address the answer came from. */
  from: string | null;
}

/** Turns a bonjour-service service into the printed event. */
export function toBrowseEvent(event: BrowseEvent['event'], service: Service): BrowseEvent {
  const txt: Record<string, string> = {};
  for (const [key, value] of Object.entries((service.txt ?? {}) as Record<string, unknown>)) txt[key] = String(value);
  return {
    event,
    name: service.name,
    host: service.host,
    addresses: [...(service.addresses ?? [])].sort(),
    port: service.port,
    txt,
    from: service.referer?.address ?? null,
  };
}

/**
 * The laptop side's mDNS browser: `node tools/sim/site/browse-main.ts [--type http] [--interface ADDR]
 * [--interval MS]`, run inside the laptop namespace (it refuses anywhere else). Prints one JSON line per
 * service going up or down; with --interval it asks again every MS milliseconds. Stops on SIGTERM or
 * SIGINT.
 */
function main(): void {
  assertIsolatedForMdns();
  const { values } = parseArgs({
    options: {
      type: { type: 'string', default: 'http' },
      interface: { type: 'string' },
      interval: { type: 'string', default: '0' },
    },
    strict: true,
  });
  const address = values.interface ?? firstLanAddress();
  const bonjour = createIsolatedBonjour(address);
  const browser = bonjour.find({ type: values.type });
  const print = (line: unknown): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
  browser.on('up', (service) => print(toBrowseEvent('up', service)));
  browser.on('down', (service) => print(toBrowseEvent('down', service)));
  print({ event: 'ready', interface: address });
  const interval = Number(values.interval);
  const timer = interval > 0 ? setInterval(() => browser.update(), interval) : undefined;

  const stop = (): void => {
    clearInterval(timer);
    browser.stop();
    bonjour.destroy(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function firstLanAddress(): string {
  for (const infos of Object.values(networkInterfaces())) {
    const found = infos?.find((info) => info.family === 'IPv4' && !info.internal);
    if (found) return found.address;
  }
  throw new Error('No LAN interface with an IPv4 address here.');
}

main();
