import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RENDERER_INDEX } from './host-process.ts';
import { isAlive, listNamespacesSync } from './ip.ts';
import { descendants } from './test-helpers.ts';

const DEMO_MAIN = resolve(import.meta.dirname, 'demo-main.ts');
const URL_LINE = /^\s*(http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+))\s*$/;

/** Resolves when the port refuses connections (nothing listens any more). */
function refused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

describe.skipIf(!existsSync(RENDERER_INDEX))('npm run demo (needs the built UI: npx electron-vite build)', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'fcom-demo-test-'));
  let demo: ChildProcess | undefined;
  afterAll(() => {
    if (demo?.exitCode === null) demo.kill('SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  it('prints a URL within 30 s that serves the UI, and stops cleanly on Ctrl-C', async () => {
    const started = Date.now();
    demo = spawn(process.execPath, [DEMO_MAIN, `--work-dir=${workDir}`], { stdio: ['pipe', 'pipe', 'pipe'] });
    const child = demo;
    let output = '';
    child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const url = await new Promise<RegExpExecArray>((done, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL after 30 s:\n${output}`)), 30_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        output += `${line}\n`;
        const match = URL_LINE.exec(line);
        if (!match) return;
        clearTimeout(timer);
        done(match);
      });
      void exited.then((code) => reject(new Error(`demo exited (${code}) before printing a URL:\n${output}`)));
    });
    const startMs = Date.now() - started;
    console.log(`demo printed its URL after ${startMs} ms`);
    expect(startMs).toBeLessThan(30_000);
    const [, href, port, token] = url as unknown as [string, string, string, string];

    // The UI, from this (root) namespace, through the relay when namespaces are in use.
    const page = await fetch(href);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    // The contract's WebSocket too: same port, so the host's Origin check passes.
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin: `http://127.0.0.1:${port}` });
    await new Promise<void>((done, reject) => {
      ws.once('open', () => done());
      ws.once('error', reject);
    });
    // Both clouds are configured by the demo and answer the app's own connection test.
    let nextId = 0;
    const invoke = (channel: string, request: unknown) =>
      new Promise<{ ok: boolean; value?: { cloud?: string }; error?: { message: string } }>((done) => {
        const id = ++nextId;
        const onMessage = (data: Buffer): void => {
          const message = JSON.parse(data.toString()) as { type: string; id?: number; result?: never };
          if (message.type !== 'result' || message.id !== id) return;
          ws.off('message', onMessage);
          done(message.result as never);
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
      });
    for (const cloud of ['tuya', 'aliyun']) {
      const tested = await invoke('cloud:test', { cloud });
      expect(tested.ok, `${cloud}: ${tested.error?.message ?? ''}`).toBe(true);
    }
    ws.close();
    // It shows the Alibaba spaces and devices it knows, and what to try first.
    expect(output).toMatch(/spaces \(SPACE_ID\) and their face devices \(IOT_ID\):\n\s+\S+: \S+/);
    expect(output).toContain('What to try first:');

    const namespaced = output.includes('inside the laptop namespace');
    const family = descendants(child.pid!);
    expect(family.length).toBeGreaterThan(20);
    if (namespaced) {
      expect(listNamespacesSync().some((name) => name.startsWith(`fcom-${child.pid}-`))).toBe(true);
      expect(readdirSync(workDir)).toContain('host.sock');
    }

    const stopping = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    console.log(`demo stopped in ${Date.now() - stopping} ms`);
    expect(listNamespacesSync().filter((name) => name.startsWith(`fcom-${child.pid}-`))).toEqual([]);
    expect(readdirSync(workDir).filter((name) => name.endsWith('.sock'))).toEqual([]);
    expect(family.filter(isAlive)).toEqual([]);
    expect(await refused(Number(port))).toBe(true);
  }, 60_000);
});
