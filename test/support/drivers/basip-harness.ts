/**
 * TEST-ONLY helpers for the BAS-IP driver tests: a simulated panel served on 127.0.0.1, and tiny fake
 * servers for devices that are not BAS-IP panels. Nothing in the app imports this file.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBasipDevice, type BasipDevice, type BasipDeviceOptions } from '../../../tools/sim/basip/index.ts';
import { serve, type SimHandler, type SimServer } from '../../../tools/sim/common/http.ts';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import type { Endpoint, TerminalDriver, TerminalSession } from '../../../electron/core/drivers/driver.ts';
import { createBasipDriver } from '../../../electron/core/drivers/basip/index.ts';

/** A simulated panel listening on 127.0.0.1, with a driver pointed at it. */
export interface PanelFixture {
  device: BasipDevice;
  server: SimServer;
  endpoint: Endpoint;
  driver: TerminalDriver;
  /** A session with the given credentials (default: the simulator's admin/123456). */
  session(credentials?: { username: string; password: string }): TerminalSession;
  close(): Promise<void>;
}

/**
 * Starts a simulated panel (120 people by default, to keep lists short) and a driver with `timeoutMs`.
 * `wrap` may put a handler in front of the simulator's (to make routes vanish, count requests, ...).
 */
export async function startPanel(
  options: BasipDeviceOptions & { timeoutMs?: number; wrap?: (inner: SimHandler) => SimHandler } = {},
): Promise<PanelFixture> {
  const { timeoutMs = 2000, wrap, ...deviceOptions } = options;
  const device = createBasipDevice({ people: generatePeople(options.seed ?? 1, 120), ...deviceOptions });
  const server = await serve(wrap ? wrap(device.handle) : device.handle);
  const endpoint: Endpoint = { address: '127.0.0.1', port: server.port, scheme: 'http' };
  const driver = createBasipDriver({ timeoutMs });
  return {
    device,
    server,
    endpoint,
    driver,
    session: (credentials = { username: 'admin', password: '123456' }) => driver.session(endpoint, credentials),
    close: () => server.close(),
  };
}

/** A plain HTTP server on 127.0.0.1 answering every request with `answer`; close() ends open requests too. */
export async function startFake(
  answer: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ endpoint: Endpoint; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: { address: '127.0.0.1', port, scheme: 'http' },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Sends a JSON answer from a fake server. */
export function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
