import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WireRequestSchema, type WireMessage } from '../../shared/ipc/wire.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import type { EventBus } from '../core/events/event-bus.ts';
import { dispatch } from '../core/ipc/dispatch.ts';
import { createStaticHandler } from './static-files.ts';

/** The only address the host ever listens on. */
export const HOST_ADDRESS = '127.0.0.1';

/**
 * Largest WebSocket frame accepted from the browser: a removal list of tens of thousands of people or an
 * imported file of several MB travels in one frame (Electron IPC has no such limit).
 */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** What the browser host needs: the handler map and the event bus of one core, and the built renderer. */
export interface HostOptions {
  handlers: Handlers;
  bus: EventBus;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; otherwise a random one is made for this run. */
  token?: string;
}

/** A running browser host. */
export interface RunningHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves the renderer over HTTP and the contract over WebSocket, both on 127.0.0.1 only. A WebSocket
 * is accepted only with this run's token and from the host's own origin.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer(createStaticHandler(options.rendererDir));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const clients = new Set<WebSocket>();

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST_ADDRESS, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  const allowedOrigins = new Set([`http://${HOST_ADDRESS}:${port}`]);

  server.on('upgrade', (request, socket: Duplex, head) => {
    const url = new URL(request.url ?? '/', `http://${HOST_ADDRESS}`);
    const origin = request.headers.origin ?? '';
    if (url.pathname !== '/ws' || !allowedOrigins.has(origin) || !tokensMatch(url.searchParams.get('token'), token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        void answer(ws, data.toString());
      });
    });
  });

  const send = (ws: WebSocket, message: WireMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  const answer = async (ws: WebSocket, text: string): Promise<void> => {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = WireRequestSchema.safeParse(frame);
    if (!parsed.success) return;
    const result = await dispatch(options.handlers, parsed.data.channel, parsed.data.request);
    send(ws, { type: 'result', id: parsed.data.id, result });
  };

  const unsubscribe = options.bus.onAny((event, payload) => {
    for (const ws of clients) send(ws, { type: 'event', event, payload });
  });

  return {
    url: `http://${HOST_ADDRESS}:${port}/#token=${token}`,
    port,
    token,
    server,
    close: async () => {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
