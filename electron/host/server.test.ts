import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCore, type Core } from '../core/compose.ts';
import { startHost, type RunningHost } from './server.ts';

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
}

function get(port: number, path: string): Promise<{ status: number; body: string; csp: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, csp: res.headers['content-security-policy'] as string }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host', () => {
  let dir: string;
  let core: Core;
  let host: RunningHost;
  let origin: string;
  let wsUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-host-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>fcom</title>');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    core = createCore({ dataDir: join(dir, 'data'), target: 'host' });
    host = await startHost({ handlers: core.handlers, bus: core.services.bus, rendererDir });
    origin = `http://127.0.0.1:${host.port}`;
    wsUrl = `ws://127.0.0.1:${host.port}/ws?token=${host.token}`;
  });
  afterAll(async () => {
    await host.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves the renderer with a strict CSP', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    const page = await get(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>fcom</title>');
    expect(page.csp).toContain("script-src 'self'");
  });

  it('refuses paths outside the renderer folder', async () => {
    const escaped = await get(host.port, '/..%2fsecret.txt');
    expect([403, 404]).toContain(escaped.status);
    expect(escaped.body).not.toContain('outside');
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    await expect(connect(`ws://127.0.0.1:${host.port}/ws`, origin)).rejects.toThrow('403');
    await expect(connect(`ws://127.0.0.1:${host.port}/ws?token=wrong`, origin)).rejects.toThrow('403');
    await expect(connect(wsUrl, 'http://evil.example')).rejects.toThrow('403');
  });

  it('answers contract calls with Results and pushes events', async () => {
    const ws = await connect(wsUrl, origin);
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'settings:get', request: {} }));
    expect(await nextMessage(ws)).toEqual({
      type: 'result',
      id: 1,
      result: { ok: true, value: { language: 'en', siteAdapters: [] } },
    });

    ws.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'settings:update', request: { language: 'xx' } }));
    const rejected = await nextMessage(ws);
    expect(rejected).toMatchObject({ id: 2, result: { ok: false, error: { code: 'VALIDATION' } } });

    const messages: Record<string, unknown>[] = [];
    const collected = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        messages.push(JSON.parse(data.toString()));
        if (messages.some((m) => m.type === 'result')) resolve();
      }),
    );
    ws.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'settings:update', request: { language: 'zh-CN' } }));
    await collected;
    expect(messages).toContainEqual({
      type: 'event',
      event: 'settings:changed',
      payload: { language: 'zh-CN', siteAdapters: [] },
    });
    ws.close();
  });
});
