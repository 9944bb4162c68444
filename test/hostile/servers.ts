import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Endpoint } from '../../electron/core/drivers/driver.ts';

/**
 * Hostile terminals on 127.0.0.1, written on raw TCP so they can break HTTP in every way a broken or
 * malicious device does: answer byte by byte, never answer, send an endless or a 1 GB body (streamed,
 * never allocated), a gzip bomb, a huge or endless header, or a redirect to another host. Each can let
 * BAS-IP logins through, so session calls reach the hostile part.
 */

/** The behaviours a hostile terminal can have. */
export const HOSTILE_KINDS = [
  'silent',
  'drip-head',
  'drip-body',
  'endless-body',
  'gigabyte-body',
  'gzip-bomb',
  'huge-header',
  'endless-header',
  'redirect-301',
  'redirect-302',
  'redirect-307',
  'redirect-308',
] as const;

/** One hostile behaviour. */
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** A hostile terminal that is listening. */
export interface HostileServer {
  endpoint: Endpoint;
  /** Requests received, as "METHOD /path". */
  requests: string[];
  /** Connections still open (a client that gave up must have closed its own). */
  connections(): number;
  close(): Promise<void>;
}

/** Options of {@link startHostile}. */
export interface HostileOptions {
  /** Answer BAS-IP logins properly (`/api/v1/login`), so session calls get past the login. */
  passLogin?: boolean;
  /** Where redirects point (another host or port); required for the redirect kinds. */
  redirectTo?: string;
  /** Milliseconds between two bytes of the drip kinds. */
  dripMs?: number;
}

const GIGABYTE = 1024 ** 3;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

/** Writes `remaining` bytes of spaces as fast as the client reads them (never buffering more than a chunk). */
function pump(socket: Socket, remaining: number, chunk: Buffer = CHUNK): void {
  while (remaining > 0 && !socket.destroyed) {
    const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
    remaining -= piece.length;
    if (!socket.write(piece)) {
      socket.once('drain', () => pump(socket, remaining, chunk));
      return;
    }
  }
  if (remaining <= 0) socket.end();
}

/** Writes `text` one byte every `ms`, then keeps going with `filler` forever. */
function drip(socket: Socket, text: string, filler: string, ms: number): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer);
    const source = at < text.length ? text : filler;
    const index = at < text.length ? at : (at - text.length) % filler.length;
    socket.write(source[index] as string);
    at++;
  }, ms);
  socket.once('close', () => clearInterval(timer));
}

/** A stream of `total` zero bytes, produced on demand. */
function zeros(total: number): Readable {
  const block = Buffer.alloc(256 * 1024);
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const piece = left >= block.length ? block : block.subarray(0, left);
      left -= piece.length;
      this.push(piece);
    },
  });
}

function answer(socket: Socket, kind: HostileKind, options: HostileOptions): void {
  const ms = options.dripMs ?? 40;
  switch (kind) {
    case 'silent':
      return; // never a byte, never closed
    case 'drip-head':
      return drip(socket, 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n', 'X-Drip: aaaaaaaa\r\n', ms);
    case 'drip-body':
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n');
      return drip(socket, '{"identities":[', ' ', ms);
    case 'endless-body':
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n');
      return pump(socket, Number.POSITIVE_INFINITY);
    case 'gigabyte-body':
      socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${GIGABYTE}\r\n\r\n`);
      return pump(socket, GIGABYTE);
    case 'gzip-bomb': {
      socket.write(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n',
      );
      const source = zeros(GIGABYTE);
      const gzip = createGzip({ level: 1 });
      source.pipe(gzip).pipe(socket);
      socket.once('close', () => {
        source.destroy();
        gzip.destroy();
      });
      return;
    }
    case 'huge-header':
      socket.end(`HTTP/1.1 200 OK\r\nX-Junk: ${'a'.repeat(1024 * 1024)}\r\nContent-Length: 2\r\n\r\n{}`);
      return;
    case 'endless-header':
      socket.write('HTTP/1.1 200 OK\r\n');
      return pump(socket, Number.POSITIVE_INFINITY, Buffer.from('X-Endless: aaaaaaaaaaaaaaaaaaaa\r\n'.repeat(2000)));
    default: {
      const status = kind.slice('redirect-'.length);
      socket.end(
        `HTTP/1.1 ${status} Moved\r\nLocation: ${options.redirectTo ?? 'http://localhost:1/'}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
    }
  }
}

function passLogin(socket: Socket): void {
  const body = JSON.stringify({ token: 'hostile-token', account_type: 'admin' });
  socket.end(
    `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Starts a hostile terminal of `kind` on a free 127.0.0.1 port. */
export async function startHostile(kind: HostileKind, options: HostileOptions = {}): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    let head = '';
    const onData = (data: Buffer): void => {
      head += data.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.resume(); // the request body (if any) is read and ignored
      const [method = 'GET', path = '/'] = head.split(' ');
      requests.push(`${method} ${path}`);
      if (options.passLogin && path.startsWith('/api/v1/login')) passLogin(socket);
      else answer(socket, kind, options);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: { address: '127.0.0.1', port, scheme: 'http' },
    requests,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Where redirects point: an ordinary server on 127.0.0.1 that counts every request reaching it. */
export interface RedirectTarget {
  port: number;
  hits(): number;
  close(): Promise<void>;
}

/** Starts a {@link RedirectTarget} that answers like a Sophon terminal (so following would "succeed"). */
export async function startRedirectTarget(): Promise<RedirectTarget> {
  let hits = 0;
  const server = createHttpServer((_request, response) => {
    hits++;
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(
      '{"identities":[],"pagination":{"total_count":0},"token":"t","firmware_version":"3.9.1","api_version":"v1"}',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits until `server` has no open connection, for at most `withinMs`; answers how many are left. */
export async function connectionsLeft(server: HostileServer, withinMs = 1_000): Promise<number> {
  const until = performance.now() + withinMs;
  while (server.connections() > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
  return server.connections();
}
