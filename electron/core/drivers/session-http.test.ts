import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyTransportError } from './http-client.ts';
import { createSessionHttp, MAX_CONTENT_LENGTH } from './session-http.ts';

const ANSWER = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok';

const servers: Server[] = [];
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A raw terminal: answers a connection's first request, then resets it on the next (or on the first). */
async function rawTerminal(behaviour: 'resetReused' | 'resetFirst' | 'silent') {
  let connections = 0;
  let answered = 0;
  const server = createServer((socket: Socket) => {
    connections++;
    let requests = 0;
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      if (!chunk.toString('latin1').includes('\r\n\r\n') || behaviour === 'silent') return;
      requests++;
      if (behaviour === 'resetFirst' || requests > 1) socket.resetAndDestroy();
      else {
        answered++;
        socket.write(ANSWER);
      }
    });
  });
  const port = await listen(server);
  return { port, connections: () => connections, answered: () => answered };
}

/** An HTTP terminal answering with `handler`; records each request's method, URL, headers and body. */
async function httpTerminal(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  const port = await listen(server);
  return { port, seen };
}

const endpointOf = (port: number) => ({ address: '127.0.0.1', port, scheme: 'http' as const });

describe('createSessionHttp', () => {
  it('sends the method, path, query, headers and body, and answers every status as text without throwing', async () => {
    const terminal = await httpTerminal((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end('{"busy":true}');
    });
    const http = createSessionHttp(endpointOf(terminal.port), 5_000);
    const answer = await http.request({
      method: 'DELETE',
      url: '/api/v1/items',
      params: { limit: 50, page_number: 2 },
      data: JSON.stringify({ ids: ['ä'] }),
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' },
    });
    expect(answer).toEqual({ status: 503, data: '{"busy":true}' });
    const [request] = terminal.seen;
    expect(request).toMatchObject({
      method: 'DELETE',
      url: '/api/v1/items?limit=50&page_number=2',
      body: '{"ids":["ä"]}',
    });
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer t',
      'content-length': String(Buffer.byteLength('{"ids":["ä"]}')),
      host: `127.0.0.1:${terminal.port}`,
    });
  });

  it('answers a redirect as it is instead of following it, and decodes a gzip body', async () => {
    const terminal = await httpTerminal((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { Location: '/elsewhere' });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(gzipSync('{"result":true}'));
    });
    const http = createSessionHttp(endpointOf(terminal.port), 5_000);
    expect(await http.request({ method: 'GET', url: '/moved' })).toEqual({ status: 302, data: '' });
    expect(await http.request({ method: 'GET', url: '/zipped' })).toEqual({ status: 200, data: '{"result":true}' });
    expect(terminal.seen.map((r) => r.url)).toEqual(['/moved', '/zipped']);
  });

  it('sends a request again on a new connection when the kept-alive one it reused was closed', async () => {
    const terminal = await rawTerminal('resetReused');
    const http = createSessionHttp(endpointOf(terminal.port), 5_000);
    expect((await http.request({ method: 'GET', url: '/first' })).data).toBe('ok');
    expect((await http.request({ method: 'GET', url: '/second' })).data).toBe('ok');
    expect(terminal.connections()).toBe(2);
    expect(terminal.answered()).toBe(2);
  });

  it('does not resend a request whose new connection was reset (the terminal may have acted on it)', async () => {
    const terminal = await rawTerminal('resetFirst');
    const http = createSessionHttp(endpointOf(terminal.port), 5_000);
    await expect(http.request({ method: 'GET', url: '/only' })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(terminal.connections()).toBe(1);
  });

  it('times out a silent terminal as retryable, classifies a refused connection as offline', async () => {
    const silent = await rawTerminal('silent');
    const http = createSessionHttp(endpointOf(silent.port), 200);
    const timedOut = await http.request({ method: 'GET', url: '/' }).catch((error: unknown) => error);
    expect(timedOut).toMatchObject({ code: 'ECONNABORTED', message: 'timeout of 200ms exceeded' });
    expect(classifyTransportError(timedOut)).toMatchObject({ kind: 'retryable', rawCode: 'ECONNABORTED' });

    const closed = createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    servers.splice(servers.indexOf(closed), 1);
    const refused = await createSessionHttp(endpointOf(port), 1_000)
      .request({ method: 'GET', url: '/' })
      .catch((error: unknown) => error);
    expect(classifyTransportError(refused)).toMatchObject({ kind: 'offline', rawCode: 'ECONNREFUSED' });
  });

  it('stops at once when the signal aborts, and refuses a body over the size limit', async () => {
    const silent = await rawTerminal('silent');
    const controller = new AbortController();
    const pending = createSessionHttp(endpointOf(silent.port), 5_000).request({
      method: 'GET',
      url: '/',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'ERR_CANCELED' });

    const huge = await httpTerminal((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i <= MAX_CONTENT_LENGTH / chunk.length; i++) res.write(chunk);
      res.end();
    });
    await expect(
      createSessionHttp(endpointOf(huge.port), 5_000).request({ method: 'GET', url: '/' }),
    ).rejects.toMatchObject({ message: `maxContentLength size of ${MAX_CONTENT_LENGTH} exceeded` });
  });
});
