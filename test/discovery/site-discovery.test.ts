import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canUseNamespaces } from '../../tools/sim/site/ip.ts';
import { startSite, type Site, type TerminalOverrides } from '../../tools/sim/site/site.ts';

const FCOM = resolve(import.meta.dirname, '../../bin/fcom.mjs');
const TERMINALS = 20;

/**
 * The answer variants real firmware sends (issue 15), on fixed terminals of the mixed site (Sophon on even
 * indexes, BAS-IP on odd ones): numbers where the examples show strings, nulls, a panel whose info needs a
 * login, a panel on 3.8 firmware (API v0 only).
 */
const VARIANTS: Readonly<{ [index: number]: TerminalOverrides | undefined }> = {
  1: { knobs: { variants: ['numeric-values', 'no-totals'] } },
  2: { knobs: { variants: ['numeric-values', 'int-codes'] } },
  3: { firmware: '3.8.2' },
  4: { knobs: { variants: ['null-values'] } },
  5: { knobs: { variants: ['info-behind-login'] } },
  7: { knobs: { variants: ['info-behind-login', 'numeric-values'] } },
  9: { knobs: { variants: ['null-values'] } },
};

/** The capability line `fcom devices list` must show for a terminal of the site. */
function expectedCapabilities(kind: string, firmware: string): string {
  if (kind === 'sophon') return 'remove: id, faces';
  return firmware.startsWith('3.8') ? 'firmware too old (API v0)' : 'remove: link, uid';
}

interface Record {
  serial: string;
  kind: string;
  capabilities: string;
  trust: string;
  mac: string | null;
  model: string | null;
  firmware: string | null;
  address: string;
  port: number;
  status: string;
  lastSeen: number | null;
}

/** Runs `fcom` on the laptop side of the site (inside its namespace) and parses its JSON output. */
async function fcomInLaptop(
  site: Site,
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; records: Record[]; stderr: string }> {
  const child: ChildProcess = site.runInLaptop(process.execPath, [FCOM, '--data-dir', dataDir, '--json', ...args], {
    env: { ...process.env, FCOM_MDNS: 'isolated-only' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((done) => child.once('exit', (c) => done(c ?? -1)));
  return { code, records: code === 0 ? (JSON.parse(stdout) as Record[]) : [], stderr };
}

describe.skipIf(!canUseNamespaces())('discovery on the simulated site LAN (Linux, root: private namespaces)', () => {
  let site: Site;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fcom-site-disc-'));
    site = await startSite({
      terminals: TERMINALS,
      kind: 'mixed',
      seed: 'discovery',
      peoplePerTerminal: 20,
      configure: (index) => VARIANTS[index] ?? {},
      log: () => {},
    });
  }, 60_000);
  afterAll(async () => {
    await site?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds all 20 terminals by mDNS with the right kind, capability, serial, address and port within its timeout', async () => {
    const started = Date.now();
    const { code, records, stderr } = await fcomInLaptop(site, dataDir, 'discover', '--timeout', '2.5');
    const finished = Date.now();
    expect(code, stderr).toBe(0);
    expect(records).toHaveLength(TERMINALS);
    for (const terminal of site.terminals) {
      const record = records.find((r) => r.serial === terminal.serial);
      expect(record, terminal.serial).toMatchObject({
        kind: terminal.kind,
        // A panel whose info needs a login tells its serial, model and firmware in its advertisement.
        model: terminal.model,
        firmware: terminal.firmware,
        address: terminal.address,
        port: terminal.port,
        status: 'online',
        capabilities: expectedCapabilities(terminal.kind, terminal.firmware),
        trust: 'untrusted',
      });
      // Seen (advertised, probed and stored) by this command, not an older row.
      expect(record?.lastSeen ?? 0).toBeGreaterThanOrEqual(started);
      expect(record?.lastSeen ?? Infinity).toBeLessThanOrEqual(finished);
    }
  }, 30_000);

  it('pins the MAC of a terminal trusted on the LAN, read from the laptop’s neighbour table', async () => {
    const panel = site.terminals[9]!;
    const { code, records, stderr } = await fcomInLaptop(site, dataDir, 'devices', 'trust', panel.serial);
    expect(code, stderr).toBe(0);
    expect(records[0]).toMatchObject({ serial: panel.serial, trust: 'trusted' });
    expect(records[0]?.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
  }, 30_000);

  it('shows a cut-off terminal offline at the next probe and online again when restored, in the same row', async () => {
    const victim = site.terminals[3]!;
    await site.cut(3);
    try {
      const cut = await fcomInLaptop(site, dataDir, 'devices', 'check');
      expect(cut.code, cut.stderr).toBe(0);
      expect(cut.records).toHaveLength(TERMINALS);
      expect(cut.records.find((r) => r.serial === victim.serial)?.status).toBe('offline');
      expect(cut.records.filter((r) => r.status === 'online')).toHaveLength(TERMINALS - 1);
    } finally {
      await site.restore(3);
    }
    const back = await fcomInLaptop(site, dataDir, 'devices', 'check');
    expect(back.records).toHaveLength(TERMINALS);
    expect(back.records.find((r) => r.serial === victim.serial)?.status).toBe('online');
  }, 60_000);

  it('finds every terminal by sweeping the whole /24, and nothing outside it', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'fcom-site-sweep-'));
    try {
      const started = Date.now();
      const { code, records, stderr } = await fcomInLaptop(site, fresh, 'devices', 'sweep', '10.77.0.0/24');
      console.log(`sweep of 10.77.0.0/24 (254 addresses, ${TERMINALS} terminals) took ${Date.now() - started} ms`);
      expect(code, stderr).toBe(0);
      const inRange = site.terminals;
      expect(records.map((r) => r.address).sort()).toEqual(inRange.map((t) => t.address).sort());
      expect(records.every((r) => r.address.startsWith('10.77.0.'))).toBe(true);
      // Sophon has no device-info call, so a swept Sophon is keyed by address until mDNS tells its serial.
      for (const t of inRange) {
        const record = records.find((r) => r.address === t.address);
        expect(record?.kind, t.address).toBe(t.kind);
        expect(record?.capabilities, t.address).toBe(expectedCapabilities(t.kind, t.firmware));
        // A panel whose info needs a login is known by its address until it is added with credentials.
        if (t.kind === 'basip' && !VARIANTS[t.index]?.knobs?.variants?.includes('info-behind-login')) {
          expect(record?.serial).toBe(t.serial);
        }
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 60_000);
});
