import { rmSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo, type ListenOptions, type Socket } from 'node:net';

/** Where a relay listens or connects: a TCP host and port, or a unix socket path. */
export type RelayEnd = { host: string; port: number } | { path: string };

/** A running relay. */
export interface Relay {
  /** The TCP port it listens on (0 for a unix socket). */
  readonly port: number;
  /** Stops listening, ends every relayed connection, removes its unix socket file. */
  close(): Promise<void>;
}

/**
 * Relays every connection accepted on `from` to a new connection to `to`, byte for byte, both ways.
 * Pairs one end of the demo's bridge between the root namespace (127.0.0.1:P) and the laptop namespace
 * (a unix socket, which needs no network and is reachable from both).
 */
export async function startRelay(from: RelayEnd, to: RelayEnd): Promise<Relay> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = 'path' in to ? createConnection(to.path) : createConnection(to.port, to.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  if ('path' in from) rmSync(from.path, { force: true });
  const listen: ListenOptions = 'path' in from ? { path: from.path } : { host: from.host, port: from.port };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen, () => resolve());
  });
  const address = server.address();
  let closing: Promise<void> | undefined;
  return {
    port: typeof address === 'object' && address ? (address as AddressInfo).port : 0,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => {
          if ('path' in from) rmSync(from.path, { force: true });
          resolve();
        });
      })),
  };
}
