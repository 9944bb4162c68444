import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { serveSwitchable, type SwitchableServer } from './switchable.ts';

function get(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveSwitchable', () => {
  let endpoint: SwitchableServer | undefined;
  afterEach(() => endpoint?.close());

  it('refuses connections while offline and answers again on the same port when back online', async () => {
    endpoint = await serveSwitchable((_req, res) => {
      res.writeHead(204).end();
    });
    expect(await get(endpoint.port)).toBe(204);
    await endpoint.setOnline(false);
    expect(endpoint.online).toBe(false);
    await expect(get(endpoint.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await endpoint.setOnline(true);
    expect(await get(endpoint.port)).toBe(204);
  });
});
