import { createMemorySecretStore as memorySecrets } from '../secrets/memory-secret-store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { createBasipDevice } from '../../../tools/sim/basip/index.ts';
import { serve, type SimServer } from '../../../tools/sim/common/http.ts';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import { createSophonDevice } from '../../../tools/sim/sophon/index.ts';
import { createCore, type Core } from '../compose.ts';

describe('discovery service against the simulators (127.0.0.1)', () => {
  let dir: string;
  let core: Core;
  const servers: SimServer[] = [];
  const events: [string, unknown][] = [];
  const people = generatePeople('discovery-test', 120);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-disc-'));
    core = createCore({
      dataDir: dir,
      target: 'cli',
      mdnsPolicy: 'off',
      secrets: memorySecrets(),
      terminalTimeoutMs: 800,
    });
    core.services.bus.onAny((event, payload) => events.push([event, payload]));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await core.close();
    rmSync(dir, { recursive: true, force: true });
    events.length = 0;
  });

  it('adds a Sophon terminal by address, detecting its kind and people count', async () => {
    const server = await serve(createSophonDevice({ people: people.slice(0, 40) }).handle);
    servers.push(server);
    const terminal = await core.services.discovery.addByAddress({ address: `127.0.0.1:${server.port}` });
    expect(terminal).toMatchObject({
      kind: 'sophon',
      apiVersion: 'v2',
      peopleCount: 40,
      online: true,
      source: 'manual',
      credentials: 'not-required',
    });
    expect(terminal.serial).toBe(`addr:127.0.0.1:${server.port}`);
    expect(events.some(([e]) => e === 'devices:updated')).toBe(true);
  });

  it('adds a BAS-IP panel by URL with credentials: serial from the API, credentials ok, people counted', async () => {
    const device = createBasipDevice({ serial: 'BASIP-0001', people: people.slice(0, 30) });
    const server = await serve(device.handle);
    servers.push(server);
    const terminal = await core.services.discovery.addByAddress({
      address: `http://127.0.0.1:${server.port}/`,
      credentials: { username: 'admin', password: '123456' },
    });
    expect(terminal).toMatchObject({ kind: 'basip', serial: 'BASIP-0001', credentials: 'ok', online: true });
    expect(terminal.peopleCount).toBeGreaterThanOrEqual(30);
    expect(core.services.inventory.list()).toHaveLength(1);
  });

  it('records rejected credentials without failing the add', async () => {
    const server = await serve(createBasipDevice({ serial: 'BASIP-0002', people: people.slice(0, 5) }).handle);
    servers.push(server);
    const terminal = await core.services.discovery.addByAddress({
      address: `127.0.0.1:${server.port}`,
      kind: 'basip',
      credentials: { username: 'admin', password: 'wrong' },
    });
    expect(terminal.credentials).toBe('rejected');
  });

  it('lists an HTTP server that is no terminal as unknown, and refuses an address where nothing answers', async () => {
    const other = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>router</h1>');
    });
    servers.push(other);
    expect((await core.services.discovery.addByAddress({ address: `127.0.0.1:${other.port}` })).kind).toBe('unknown');
    const closedPort = other.port === 1 ? 2 : 1;
    await expect(core.services.discovery.addByAddress({ address: `127.0.0.1:${closedPort}` })).rejects.toMatchObject({
      code: 'NETWORK',
    });
  });

  it('marks a terminal offline when it stops answering and online again in the same row', async () => {
    const device = createBasipDevice({ serial: 'BASIP-0003', people: people.slice(0, 5) });
    let server = await serve(device.handle);
    const port = server.port;
    await core.services.discovery.addByAddress({ address: `127.0.0.1:${port}` });
    await server.close();
    await core.services.health.checkAll();
    expect(core.services.inventory.get('BASIP-0003')?.online).toBe(false);

    server = await serve(device.handle, { port });
    servers.push(server);
    await core.services.health.checkAll();
    const rows: Terminal[] = core.services.inventory.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ serial: 'BASIP-0003', online: true });
  });

  it('re-checks every login after site default credentials are saved', async () => {
    const server = await serve(createBasipDevice({ serial: 'BASIP-0005', people: people.slice(0, 5) }).handle);
    servers.push(server);
    expect((await core.services.discovery.addByAddress({ address: `127.0.0.1:${server.port}` })).credentials).toBe(
      'missing',
    );
    const saved = await core.handlers['devices:set-credentials']({
      target: { kind: 'basip' },
      credentials: { username: 'admin', password: '123456' },
    });
    expect(saved).toEqual({ saved: true });
    await core.services.health.checkAll({ recheckCredentials: true });
    expect(core.services.inventory.get('BASIP-0005')).toMatchObject({ credentials: 'ok' });
    // BAS-IP counts identifiers: a person with a card and a face counts twice.
    expect(core.services.inventory.get('BASIP-0005')?.peopleCount).toBeGreaterThanOrEqual(5);
  });

  it('keeps the same row when a panel comes back on another address, moved there only on the technician’s word', async () => {
    const device = createBasipDevice({ serial: 'BASIP-0004', people: people.slice(0, 5) });
    const first = await serve(device.handle);
    await core.services.discovery.addByAddress({ address: `127.0.0.1:${first.port}` });
    await first.close();
    const moved = await serve(device.handle);
    servers.push(moved);
    const logins = () => device.log.all().filter((e) => e.path.endsWith('/login')).length;
    const loginsBefore = logins();
    // Typing the new address is not enough: whoever answers there claims a trusted serial, a conflict.
    const claimed = await core.services.discovery.addByAddress({ address: `127.0.0.1:${moved.port}` });
    expect(claimed).toMatchObject({
      serial: 'BASIP-0004',
      port: first.port,
      trust: 'conflict',
      conflict: { reason: 'serial-elsewhere', port: moved.port },
    });
    expect(logins()).toBe(loginsBefore);
    await core.services.discovery.trust(['BASIP-0004'], `127.0.0.1:${moved.port}`);
    const rows = core.services.inventory.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ serial: 'BASIP-0004', port: moved.port, online: true, trust: 'trusted' });
  });

  it('pages through the people on a terminal', async () => {
    const server = await serve(createSophonDevice({ people: people.slice(0, 57) }).handle);
    servers.push(server);
    const { serial } = await core.services.discovery.addByAddress({ address: `127.0.0.1:${server.port}` });
    const seen = new Set<string>();
    for (let page = 0; page < 3; page++) {
      const result = await core.services.discovery.listPeople(serial, page, 25);
      expect(result.total).toBe(57);
      result.items.forEach((p) => seen.add(p.id));
    }
    expect(seen.size).toBe(57);
  });
});
