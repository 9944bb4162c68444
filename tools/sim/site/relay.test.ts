import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRelay } from './relay.ts';

describe('startRelay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-relay-test-'));
  let target: Server | undefined;
  afterAll(() => {
    target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries HTTP from a TCP port through a unix socket to another TCP port, and removes the socket on close', async () => {
    target = createServer((request, response) => response.end(`hello ${request.headers.origin ?? ''}`));
    await new Promise<void>((done) => target!.listen(0, '127.0.0.1', done));
    const targetPort = (target.address() as AddressInfo).port;
    const socket = join(dir, 'relay.sock');

    const inner = await startRelay({ path: socket }, { host: '127.0.0.1', port: targetPort });
    const outer = await startRelay({ host: '127.0.0.1', port: 0 }, { path: socket });
    expect(existsSync(socket)).toBe(true);
    const answer = await fetch(`http://127.0.0.1:${outer.port}/`, { headers: { Origin: 'http://x' } });
    expect(await answer.text()).toBe('hello http://x');

    await outer.close();
    await inner.close();
    expect(existsSync(socket)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${outer.port}/`)).rejects.toThrow();
  });
});
