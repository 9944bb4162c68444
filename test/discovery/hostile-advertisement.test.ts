import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canUseNamespaces } from '../../tools/sim/site/ip.ts';
import { startSite, type Site } from '../../tools/sim/site/site.ts';

const FCOM = resolve(import.meta.dirname, '../../bin/fcom.mjs');
/** Whether a string holds C0 control characters. */
function hasControlCharacters(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) < 0x20);
}

const HOSTILE = resolve(import.meta.dirname, '../../tools/sim/site/hostile-advertiser-main.ts');

describe.skipIf(!canUseNamespaces())('a hostile mDNS advertisement on the site LAN (Linux, root)', () => {
  let site: Site;
  let hostile: ChildProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fcom-hostile-'));
    site = await startSite({ terminals: 3, kind: 'mixed', seed: 'hostile', peoplePerTerminal: 5, log: () => {} });
    // The hostile device shares the third terminal's namespace (its own host on the LAN), on another port.
    const host = site.terminals[2]!;
    hostile = spawn('ip', ['netns', 'exec', host.namespace!, process.execPath, HOSTILE, `--address=${host.address}`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((done, reject) => {
      createInterface({ input: hostile.stdout! }).once('line', () => done());
      hostile.once('exit', (code) => reject(new Error(`the hostile advertiser exited (${code})`)));
    });
  }, 60_000);
  afterAll(async () => {
    hostile?.kill('SIGTERM');
    await site?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the hostile device as unknown with its text sanitised and cut, and still finds the real terminals', async () => {
    const child = site.runInLaptop(
      process.execPath,
      [FCOM, '--data-dir', dataDir, '--json', 'discover', '--timeout', '2.5'],
      {
        env: { ...process.env, FCOM_MDNS: 'isolated-only' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code, stderr).toBe(0);
    const records = JSON.parse(stdout) as {
      serial: string;
      kind: string;
      name: string;
      model: string | null;
      address: string;
    }[];

    for (const terminal of site.terminals) {
      expect(records.find((r) => r.serial === terminal.serial)?.kind).toBe(terminal.kind);
    }
    const unknown = records.filter((r) => r.kind === 'unknown');
    expect(unknown).toHaveLength(1);
    const [device] = unknown;
    expect(device?.address).toBe(site.terminals[2]?.address);
    // Markup stays inert text (React escapes it when shown); control and bidi characters are gone; sizes are cut.
    expect(device?.name).toContain('<img src=x onerror=alert(1)>');
    expect(hasControlCharacters(device?.name ?? '')).toBe(false);
    expect(device?.name).not.toContain('\u202e');
    expect(device?.serial.length).toBeLessThanOrEqual(128);
    expect(hasControlCharacters(device?.model ?? '')).toBe(false);
    // The advertisement pointing at a port where nothing answers is not listed as a device.
    expect(records.some((r) => r.name.includes('Silent'))).toBe(false);
  }, 30_000);
});
