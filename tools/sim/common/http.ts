import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request handler of a simulator. */
export type SimHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** A simulator listening on an address. */
export interface SimServer {
  readonly host: string;
  readonly port: number;
  /** `http://host:port` */
  readonly origin: string;
  readonly server: Server;
  /** Stops listening and ends every open connection, including requests held by a `timeout` fault. */
  close(): Promise<void>;
}

/**
 * Listens with `handler` on `host:port` (127.0.0.1 and a free port by default). Tests must keep the
 * default host unless they run inside a private network namespace.
 */
export async function serve(handler: SimHandler, options: { host?: string; port?: number } = {}): Promise<SimServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`simulator bug: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    origin: `http://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads a request body up to `limit` bytes; a larger body rejects with status 413. */
export async function readBody(request: IncomingMessage, limit = 8 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Waits `ms` milliseconds (0 returns at once). */
export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * Sends a JSON answer. With `slowMs`, the body is written in small pieces spread over that time, so a
 * client with a short body timeout fails.
 */
export async function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  options: { slowMs?: number; headers?: Record<string, string> } = {},
): Promise<void> {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...options.headers,
  });
  if (!options.slowMs) {
    response.end(text);
    return;
  }
  const pieces = 10;
  const size = Math.ceil(text.length / pieces);
  for (let i = 0; i < text.length; i += size) {
    if (response.destroyed) return;
    response.write(text.slice(i, i + size));
    await sleep(options.slowMs / pieces);
  }
  response.end();
}

/**
 * Applies a transport-level fault: `timeout` holds the request open without an answer, `drop` destroys
 * the connection. Returns true when the request was taken over by the fault.
 */
export function applyTransportFault(fault: string | undefined, request: IncomingMessage): boolean {
  if (fault === 'drop') {
    request.socket.destroy();
    return true;
  }
  if (fault === 'timeout') {
    // Never answer; the connection ends when the client gives up or the server closes.
    return true;
  }
  return false;
}
