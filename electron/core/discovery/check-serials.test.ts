import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBasipDevice } from '../../../tools/sim/basip/index.ts';
import { serve, type SimServer } from '../../../tools/sim/common/http.ts';
import { createCore, type Core } from '../compose.ts';
import { createMemorySecretStore } from '../secrets/memory-secret-store.ts';
import { defaultCredentialsKey, writeCredentials } from '../secrets/secret-store.ts';

/** "Check now" on ticked terminals (issue 18): only those are probed, their login with the site default included. */
describe('health monitor: checkSerials', () => {
  let dir: string;
  let core: Core;
  const servers: SimServer[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-check-'));
    core = createCore({
      dataDir: dir,
      target: 'cli',
      mdnsPolicy: 'off',
      secrets: createMemorySecretStore(),
      terminalTimeoutMs: 800,
    });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('probes only the given terminals: one gone offline is marked so, the other keeps its state', async () => {
    const a = createBasipDevice({ seed: 1, serial: 'CHK-A', people: [] });
    const b = createBasipDevice({ seed: 2, serial: 'CHK-B', people: [] });
    const serverA = await serve(a.handle);
    const serverB = await serve(b.handle);
    servers.push(serverA, serverB);
    await core.services.discovery.addByAddress({ address: `127.0.0.1:${serverA.port}`, kind: 'basip' });
    await core.services.discovery.addByAddress({ address: `127.0.0.1:${serverB.port}`, kind: 'basip' });
    expect(core.services.inventory.get('CHK-A')?.credentials).toBe('missing');
    await writeCredentials(core.services.secrets, defaultCredentialsKey('basip'), {
      username: 'admin',
      password: '123456',
    });
    await serverB.close();
    servers.splice(servers.indexOf(serverB), 1);
    const before = b.log.all().length;
    await core.services.health.checkSerials(['CHK-A', 'NOT-THERE']);
    // A was probed and logged in with the site default (the panel answered the login).
    expect(core.services.inventory.get('CHK-A')).toMatchObject({ online: true, credentials: 'ok' });
    expect(a.log.all().some((e) => e.path.includes('/login') && e.status === 200)).toBe(true);
    // B was not probed: still online in the inventory although its server is gone.
    expect(core.services.inventory.get('CHK-B')?.online).toBe(true);
    expect(b.log.all().length).toBe(before);
    await core.services.health.checkSerials(['CHK-B']);
    expect(core.services.inventory.get('CHK-B')?.online).toBe(false);
  });

  it('never sends the site default to an untrusted (only discovered) panel, even when it is ticked', async () => {
    const stranger = createBasipDevice({ seed: 3, serial: 'CHK-U', people: [] });
    const server = await serve(stranger.handle);
    servers.push(server);
    core.services.inventory.save({
      serial: 'CHK-U',
      kind: 'basip',
      apiVersion: 'v1',
      name: 'AA-12FB entrance panel',
      model: 'AA-12FB',
      firmware: '3.9.1',
      address: '127.0.0.1',
      port: server.port,
      online: true,
      lastSeen: 1,
      credentials: 'unknown',
      peopleCount: null,
      capacity: null,
      source: 'sweep',
      adapter: null,
    });
    expect(core.services.inventory.get('CHK-U')?.trust).toBe('untrusted');
    await writeCredentials(core.services.secrets, defaultCredentialsKey('basip'), {
      username: 'admin',
      password: '123456',
    });
    await core.services.health.checkSerials(['CHK-U']);
    expect(stranger.log.all().some((e) => e.path.includes('/login'))).toBe(false);
    expect(core.services.inventory.get('CHK-U')?.credentials).not.toBe('ok');
  });
});
