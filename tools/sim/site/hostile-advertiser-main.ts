import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createIsolatedBonjour } from './mdns.ts';

/** An instance name no terminal would send: markup and script, at the 63-byte DNS label limit. */
export const HOSTILE_NAME = '<img src=x onerror=alert(1)><script>alert(2)</script>\u202eAB';

/**
 * TXT entries of up to ~250 bytes (the most one DNS string holds): markup, control bytes and invalid UTF-8.
 * (bonjour-service's own TXT encoder refuses binary values of that size, so the 8 KB case is covered by the
 * fuzzers of the advertisement sanitiser rather than on the wire.)
 */
export function hostileTxt(): Record<string, Buffer | string> {
  const txt: Record<string, Buffer | string> = {
    vendor: '<b>sophon</b>',
    serial: `<script>document.title='pwned'</script>${'S'.repeat(200)}`,
    model: Buffer.from([0x3c, 0x69, 0xff, 0xfe, 0xc3, 0x28, 0x00, 0x07, 0x3e]),
  };
  for (let i = 0; i < 3; i++) txt[`k${i}`] = `<iframe src=//x>${'\u00ff'.repeat(100)}`;
  return txt;
}

/**
 * A hostile device for discovery tests, run inside a harness namespace (a host on the site LAN): it serves an HTML
 * page that is no terminal and advertises it over mDNS with a hostile name and TXT record; a second
 * advertisement points at a port where nothing listens. Prints `ready` when both are announced; stops on
 * SIGTERM with mDNS goodbyes.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { address: { type: 'string' } }, strict: true });
  const address = values.address ?? '127.0.0.1';
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body><h1>Router admin</h1></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const port = (server.address() as AddressInfo).port;
  const bonjour = createIsolatedBonjour(address);
  const answering = bonjour.publish({
    name: HOSTILE_NAME,
    type: 'http',
    port,
    host: 'hostile-1.local',
    txt: hostileTxt(),
    disableIPv6: true,
  });
  const silent = bonjour.publish({
    name: 'Silent <b>device</b>',
    type: 'http',
    port: 9,
    host: 'hostile-2.local',
    txt: { vendor: 'basip' },
    disableIPv6: true,
  });
  await Promise.all(
    [answering, silent].map((service) => new Promise<void>((resolve) => service.once('up', () => resolve()))),
  );
  console.log(JSON.stringify({ ready: true, port }));
  process.once('SIGTERM', () => {
    bonjour.unpublishAll(() => bonjour.destroy(() => server.close(() => process.exit(0))));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
