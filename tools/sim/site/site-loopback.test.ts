import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from './commands.ts';
import { startSite, type Site } from './site.ts';

async function status(url: string): Promise<number | string> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
  } catch (error) {
    return (error as Error & { cause?: { code?: string } }).cause?.code ?? String(error);
  }
}

describe('the site in loopback mode (what runs where namespaces are unavailable)', () => {
  let site: Site | undefined;
  const said: string[] = [];

  beforeAll(async () => {
    site = await startSite({ terminals: 3, kind: 'basip', mode: 'loopback', log: (line) => said.push(line) });
  });
  afterAll(() => site?.stop());

  it('runs each terminal on 127.0.0.1 with its own port, without mDNS, and says so', async () => {
    expect(site!.mode).toBe('loopback');
    expect(site!.laptopNamespace).toBeNull();
    expect(said.join(' ')).toMatch(/127\.0\.0\.1, each on its own port, without mDNS/);
    expect(new Set(site!.terminals.map((t) => t.port)).size).toBe(3);
    for (const terminal of site!.terminals) {
      expect(terminal).toMatchObject({ address: '127.0.0.1', namespace: null, mdnsName: null, kind: 'basip' });
      expect(await status(`${terminal.origin}/api/info`)).toBe(200);
    }
  });

  it('obeys the interactive commands: cut refuses connections, restore answers again, faults apply', async () => {
    const target = { site: site! };
    const origin = site!.terminals[1]!.origin;
    expect(await runCommand('cut 1', target)).toBe('Terminal 1 is off the LAN.');
    expect(await status(`${origin}/api/info`)).toBe('ECONNREFUSED');
    expect(await runCommand('restore 1', target)).toBe('Terminal 1 is back on the LAN.');
    expect(await status(`${origin}/api/info`)).toBe(200);

    expect(await runCommand('fault 1 http500 1', target)).toMatch(/http500 \(1 times\)/);
    expect(await status(`${origin}/api/info`)).toBe(500);
    expect(await status(`${origin}/api/info`)).toBe(200);
    const log = await runCommand('log 1', target);
    expect(log).toMatch(/GET \/api\/info → 500 \(http500\)/);

    expect(await runCommand('cut 9', target)).toMatch(/not a terminal number \(0 to 2\)/);
    expect(await runCommand('fault 0 gremlins', target)).toMatch(/^Fault kinds:/);
    expect(await runCommand('cloud tuya offline', target)).toBe('No clouds are running.');
    expect(await runCommand('dance', target)).toMatch(/Unknown command/);
    expect(await runCommand('quit', target)).toBe('quit');
  });
});
