import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTerminalHttp } from './http-client.ts';

const ANSWER = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok';

/**
 * A terminal that answers the first request of each connection and keeps the connection open, then resets a
 * connection when a further request arrives on it (`resetReused`), as a device does that closed an idle
 * kept-alive connection just as the client reused it. With `resetFirst`, it resets every connection's first
 * request instead (a connection dropped while the request was being handled).
 */
async function startTerminal(behaviour: 'resetReused' | 'resetFirst'): Promise<{
  server: Server;
  sockets: Set<Socket>;
  port: number;
  connections: () => number;
  answered: () => number;
}> {
  let connections = 0;
  let answered = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket: Socket) => {
    connections++;
    sockets.add(socket);
    let requests = 0;
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      if (!chunk.toString('latin1').includes('\r\n\r\n')) return;
      requests++;
      const reset = behaviour === 'resetFirst' || requests > 1;
      if (reset) socket.resetAndDestroy();
      else {
        answered++;
        socket.write(ANSWER);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, sockets, port, connections: () => connections, answered: () => answered };
}

describe('createTerminalHttp', () => {
  let terminal: Awaited<ReturnType<typeof startTerminal>> | undefined;
  afterEach(async () => {
    for (const socket of terminal?.sockets ?? []) socket.destroy();
    await new Promise<void>((resolve) => (terminal ? terminal.server.close(() => resolve()) : resolve()));
    terminal = undefined;
  });

  it('sends a request again on a new connection when the kept-alive one it reused was closed', async () => {
    terminal = await startTerminal('resetReused');
    const http = createTerminalHttp({ address: '127.0.0.1', port: terminal.port, scheme: 'http' }, 5_000);
    expect((await http.get('/first')).data).toBe('ok');
    // Reuses the kept-alive connection, which the terminal resets: answered on a second connection.
    const second = await http.get('/second');
    expect(second.data).toBe('ok');
    expect(terminal.connections()).toBe(2);
    expect(terminal.answered()).toBe(2);
  });

  it('does not resend a request whose new connection was reset (the terminal may have acted on it)', async () => {
    terminal = await startTerminal('resetFirst');
    const http = createTerminalHttp({ address: '127.0.0.1', port: terminal.port, scheme: 'http' }, 5_000);
    await expect(http.get('/only')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(terminal.connections()).toBe(1);
  });
});
