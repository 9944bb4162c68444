import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors.ts';
import { createBasipDevice, type BasipDevice } from '../../../tools/sim/basip/index.ts';
import { serve, type SimServer } from '../../../tools/sim/common/http.ts';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import { createCore, type Core } from '../compose.ts';
import { createBasipDriver } from '../drivers/basip/index.ts';
import { createSophonDriver } from '../drivers/sophon/index.ts';
import { createMemorySecretStore } from '../secrets/memory-secret-store.ts';
import { defaultCredentialsKey, writeCredentials, type SecretStore } from '../secrets/secret-store.ts';
import { observeTerminal, type ObserverDeps } from './terminal-observer.ts';

const PASSWORD = '123456';
const MD5 = createHash('md5').update(PASSWORD).digest('hex');

/** Whether any request the simulator logged carried the password or its MD5 (BAS-IP logins send the MD5). */
function sawPassword(device: BasipDevice): boolean {
  return device.log.all().some((entry) => {
    const text = `${entry.path} ${JSON.stringify(entry.query)}`.toLowerCase();
    return text.includes(MD5) || text.includes(PASSWORD);
  });
}

describe('trust on first use, pinned: impostors never get credentials (127.0.0.1 simulators)', () => {
  let dir: string;
  let core: Core;
  let secrets: SecretStore;
  let deps: ObserverDeps;
  const servers: SimServer[] = [];
  /** The neighbour table the core sees: what `ip neigh` would say for 127.0.0.1 on a LAN. */
  let macs: Map<string, string>;
  const people = generatePeople('trust-test', 20);

  const start = async (serial: string): Promise<{ device: BasipDevice; port: number }> => {
    const device = createBasipDevice({ serial, people: people.slice(0, 5) });
    const server = await serve(device.handle);
    servers.push(server);
    return { device, port: server.port };
  };
  /** What mDNS or a sweep would do with a device seen at `port`: probe it and record it. */
  const discover = (port: number, source: 'mdns' | 'sweep' = 'mdns') =>
    observeTerminal(deps, { endpoint: { address: '127.0.0.1', port, scheme: 'http' }, source });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-trust-'));
    secrets = createMemorySecretStore();
    macs = new Map();
    const macOf = (address: string) => macs.get(address) ?? null;
    core = createCore({ dataDir: dir, target: 'cli', mdnsPolicy: 'off', secrets, terminalTimeoutMs: 800, macOf });
    deps = {
      inventory: core.services.inventory,
      drivers: [createSophonDriver({ timeoutMs: 800 }), createBasipDriver({ timeoutMs: 800 })],
      secrets,
      bus: core.services.bus,
      timeoutMs: 800,
      now: () => Date.now(),
      macOf,
    };
    // The site default for BAS-IP panels: what an impostor would want.
    await writeCredentials(secrets, defaultCredentialsKey('basip'), { username: 'admin', password: PASSWORD });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends no site default password to a device that only answers like a BAS-IP panel, until it is trusted', async () => {
    const { device, port } = await start('STRANGER-1');
    const found = await discover(port, 'sweep');
    expect(found).toMatchObject({ serial: 'STRANGER-1', kind: 'basip', trust: 'untrusted', credentials: 'unknown' });
    await core.services.health.checkAll({ recheckCredentials: true });
    await expect(core.services.discovery.listPeople('STRANGER-1', 0, 10)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(sawPassword(device)).toBe(false);

    // The technician confirms it: pinned where it is, and now it logs in.
    const [trusted] = await core.services.discovery.trust(['STRANGER-1']);
    expect(trusted).toMatchObject({ trust: 'trusted', credentials: 'ok', pin: { address: '127.0.0.1', port } });
    expect(sawPassword(device)).toBe(true);
  });

  it('records a device claiming a trusted serial from another address as a conflict: no password, no move, no job', async () => {
    const real = await start('PANEL-7');
    const added = await core.services.discovery.addByAddress({ address: `127.0.0.1:${real.port}` });
    expect(added).toMatchObject({ serial: 'PANEL-7', trust: 'trusted', credentials: 'ok' });
    const impostor = await start('PANEL-7');

    const seen = await discover(impostor.port);
    expect(seen).toMatchObject({
      serial: 'PANEL-7',
      port: real.port,
      trust: 'conflict',
      conflict: { reason: 'serial-elsewhere', address: '127.0.0.1', port: impostor.port, serial: 'PANEL-7' },
    });
    expect(core.services.inventory.get('PANEL-7')).toMatchObject({ address: '127.0.0.1', port: real.port });
    await core.services.health.checkAll({ recheckCredentials: true });

    // A job aimed at it refuses; "all" leaves it out.
    let refused: AppError | undefined;
    try {
      core.services.removal.start({
        mode: 'people',
        items: [{ line: 1, uid: 1 }],
        devices: ['PANEL-7'],
        verify: false,
      });
    } catch (error) {
      refused = error as AppError;
    }
    expect(refused).toMatchObject({ code: 'CONFLICT', details: { conflicts: ['PANEL-7'] } });
    expect(refused?.message).toMatch(/identity conflict.*fcom devices trust PANEL-7|fcom devices trust SERIAL/);
    expect(sawPassword(impostor.device)).toBe(false);

    // Resolved by trusting the claimant at its address: the row moves there and is pinned.
    const [moved] = await core.services.discovery.trust(['PANEL-7'], `127.0.0.1:${impostor.port}`);
    expect(moved).toMatchObject({
      trust: 'trusted',
      port: impostor.port,
      pin: { port: impostor.port },
      conflict: null,
    });
  });

  it('puts a trusted panel in conflict when its pinned address answers with another serial, and logs in to neither', async () => {
    const first = await start('PANEL-8');
    await core.services.discovery.addByAddress({ address: `127.0.0.1:${first.port}` });
    const before = first.device.log.all().length;
    // Another panel now answers at the pinned address (same port): simulated by swapping the handler's device.
    await servers[0]?.close();
    servers.length = 0;
    const other = createBasipDevice({ serial: 'OTHER-9', people: [] });
    servers.push(await serve(other.handle, { port: first.port }));
    await core.services.health.checkAll({ recheckCredentials: true });
    await discover(first.port);
    expect(core.services.inventory.get('PANEL-8')).toMatchObject({
      trust: 'conflict',
      port: first.port,
      conflict: { reason: 'identity-changed', serial: 'OTHER-9', port: first.port },
    });
    expect(core.services.inventory.get('OTHER-9')).toBeUndefined();
    expect(sawPassword(other)).toBe(false);
    expect(first.device.log.all().length).toBe(before);
  });

  it('pins the MAC where known: the same serial at the pinned address from other hardware is a conflict, no login, no job', async () => {
    macs.set('127.0.0.1', '0a:00:00:00:00:01');
    const real = await start('PANEL-MAC');
    const added = await core.services.discovery.addByAddress({ address: `127.0.0.1:${real.port}` });
    expect(added).toMatchObject({ trust: 'trusted', credentials: 'ok', pin: { mac: '0a:00:00:00:00:01' } });
    // The real panel is unplugged; an impostor with its serial takes its address and port (other hardware).
    await servers[0]?.close();
    servers.length = 0;
    const impostor = createBasipDevice({ serial: 'PANEL-MAC', people: [] });
    servers.push(await serve(impostor.handle, { port: real.port }));
    macs.set('127.0.0.1', '0a:00:00:00:00:99');
    await core.services.health.checkAll({ recheckCredentials: true });
    await discover(real.port);
    expect(core.services.inventory.get('PANEL-MAC')).toMatchObject({
      trust: 'conflict',
      conflict: { reason: 'mac-changed', mac: '0a:00:00:00:00:99', port: real.port },
      pin: { mac: '0a:00:00:00:00:01' },
    });
    await expect(core.services.discovery.listPeople('PANEL-MAC', 0, 10)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(() =>
      core.services.removal.start({
        mode: 'people',
        items: [{ line: 1, uid: 1 }],
        devices: ['PANEL-MAC'],
        verify: false,
      }),
    ).toThrow(/identity conflict/);
    expect(sawPassword(impostor)).toBe(false);

    // The technician says the panel was replaced: trusted as it is now, with the new MAC pinned.
    const [accepted] = await core.services.discovery.trust(['PANEL-MAC']);
    expect(accepted).toMatchObject({ trust: 'trusted', credentials: 'ok', pin: { mac: '0a:00:00:00:00:99' } });
    expect(sawPassword(impostor)).toBe(true);
  });

  it('never sends credentials where the neighbour table shows other hardware than the pin, even before a check', async () => {
    macs.set('127.0.0.1', '0a:00:00:00:00:01');
    const real = await start('PANEL-RACE');
    await core.services.discovery.addByAddress({ address: `127.0.0.1:${real.port}` });
    const before = real.device.log.all().length;
    // Swapped between two health checks: the session gate itself looks at the MAC.
    macs.set('127.0.0.1', '0a:00:00:00:00:77');
    const job = core.services.removal.start({
      mode: 'people',
      items: [{ line: 1, uid: 1 }],
      devices: ['PANEL-RACE'],
      verify: false,
    });
    const done = await core.services.jobs.whenIdle(job.jobId);
    expect(
      real.device.log
        .all()
        .slice(before)
        .filter((e) => e.path.endsWith('/login')),
    ).toEqual([]);
    expect(
      real.device.log
        .all()
        .slice(before)
        .filter((e) => e.method === 'DELETE'),
    ).toEqual([]);
    expect(done.counts.removed).toBe(0);
  });

  it('does not log in to a trusted BAS-IP panel on API v0 nor call it rejected or missing', async () => {
    const device = createBasipDevice({ serial: 'OLD-38', firmware: '3.8.2', people: people.slice(0, 5) });
    const server = await serve(device.handle);
    servers.push(server);
    const added = await core.services.discovery.addByAddress({ address: `127.0.0.1:${server.port}` });
    expect(added).toMatchObject({ serial: 'OLD-38', kind: 'basip', apiVersion: 'v0', trust: 'trusted' });
    expect(added.credentials).toBe('unknown');
    await core.services.health.checkAll({ recheckCredentials: true });
    expect(core.services.inventory.get('OLD-38')?.credentials).toBe('unknown');
    expect(sawPassword(device)).toBe(false);
  });
});
