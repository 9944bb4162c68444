import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalSchema, type ProbeAttempt } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import { createBasipDevice, type BasipDevice } from '../../../tools/sim/basip/index.ts';
import { serve, type SimHandler, type SimServer } from '../../../tools/sim/common/http.ts';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import type { FirmwareVariant } from '../../../tools/sim/common/knobs.ts';
import { createSophonDevice } from '../../../tools/sim/sophon/index.ts';
import { canRemove, capabilitiesOf } from '../../../shared/domain/capabilities.ts';
import { createCore, type Core } from '../compose.ts';
import { createMemorySecretStore } from '../secrets/memory-secret-store.ts';

/**
 * Adding by address with the technician's kind and credentials (issue 15), against simulators on 127.0.0.1
 * (mDNS off). The BAS-IP firmware variant `info-behind-login` puts the info paths behind a login, as some
 * firmware does (PROTOCOLS.md §6).
 */

/** Every request a simulated panel answered, as `METHOD /path status`. */
function asked(panel: BasipDevice): string[] {
  return panel.log.all().map((e) => `${e.method} ${e.path} ${e.status}`);
}

/** A web server that is no terminal: 404 pages everywhere, echoing the path and query it was asked. */
const notATerminal: SimHandler = (request, response) => {
  response.writeHead(404, { 'Content-Type': 'text/html' }).end(`<h1>Not Found</h1><p>${request.url ?? ''}</p>`);
};

const ADMIN = { username: 'admin', password: '123456' };
const MD5 = createHash('md5').update(ADMIN.password).digest('hex');

describe('adding a terminal by address with a kind and credentials', () => {
  let dir: string;
  let core: Core;
  const servers: SimServer[] = [];
  const people = generatePeople('add-by-address', 20);
  const start = async (handler: SimHandler): Promise<string> => {
    const server = await serve(handler);
    servers.push(server);
    return `127.0.0.1:${server.port}`;
  };
  const walledPanel = (serial: string): BasipDevice =>
    createBasipDevice({
      serial,
      model: 'AA-07FB',
      firmware: '3.9.4',
      people: people.slice(0, 8),
      knobs: { variants: ['info-behind-login'] },
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-add-'));
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

  it('identifies a panel whose info needs a login: a BAS-IP panel with its serial, read after logging in', async () => {
    const panel = walledPanel('WALLED-0001');
    const address = await start(panel.handle);
    const terminal = await core.services.discovery.addByAddress({ address, kind: 'basip', credentials: ADMIN });
    expect(terminal).toMatchObject({
      kind: 'basip',
      serial: 'WALLED-0001',
      model: 'AA-07FB',
      firmware: '3.9.4',
      apiVersion: 'v1',
      credentials: 'ok',
    });
    expect(terminal.identification).toBeUndefined();
    expect(core.services.inventory.list().map((t) => t.serial)).toEqual(['WALLED-0001']);
    // Anonymous first (refused), then the login and the info with its token, and one page of identifiers.
    expect(asked(panel).slice(0, 6)).toEqual([
      'GET /api/v1/info 401',
      'GET /api/info 401',
      'GET /api/v0/info 404',
      'GET /api/v1/login 200',
      'GET /api/v1/info 200',
      'GET /api/v1/access/identifier/items 200',
    ]);
    // The health check keeps it online: the login wall is the panel's own answer.
    await core.services.health.checkAll();
    expect(core.services.inventory.get('WALLED-0001')).toMatchObject({ online: true, credentials: 'ok' });
  });

  it('learns the kind from the login wall when no kind is chosen, and the serial from the credentials', async () => {
    const address = await start(walledPanel('WALLED-0002').handle);
    const terminal = await core.services.discovery.addByAddress({ address, credentials: ADMIN });
    expect(terminal).toMatchObject({ kind: 'basip', serial: 'WALLED-0002', credentials: 'ok' });
  });

  it('without credentials the login wall still makes it a BAS-IP panel; adding the credentials then gives it its serial', async () => {
    const address = await start(walledPanel('WALLED-0003').handle);
    const first = await core.services.discovery.addByAddress({ address, kind: 'basip' });
    expect(first).toMatchObject({ kind: 'basip', serial: `addr:${address}`, credentials: 'missing', apiVersion: 'v1' });
    const second = await core.services.discovery.addByAddress({ address, kind: 'basip', credentials: ADMIN });
    expect(second).toMatchObject({ kind: 'basip', serial: 'WALLED-0003', credentials: 'ok' });
    expect(core.services.inventory.list().map((t) => t.serial)).toEqual(['WALLED-0003']);
    // Seen again without credentials (a sweep, mDNS), it keeps the row it was added as.
    await core.services.discovery.addByAddress({ address });
    expect(core.services.inventory.list().map((t) => t.serial)).toEqual(['WALLED-0003']);
  });

  it('a refused login on a panel behind a login is a BAS-IP panel with rejected credentials', async () => {
    const address = await start(walledPanel('WALLED-0004').handle);
    const terminal = await core.services.discovery.addByAddress({
      address,
      kind: 'basip',
      credentials: { username: 'admin', password: 'wrong' },
    });
    expect(terminal).toMatchObject({ kind: 'basip', serial: `addr:${address}`, credentials: 'rejected' });
  });

  it('a Sophon terminal answering its error envelope is identified as the Sophon terminal it was added as', async () => {
    const device = createSophonDevice({ people: people.slice(0, 3), knobs: { faults: [{ kind: 'http500' }] } });
    const address = await start(device.handle);
    const terminal = await core.services.discovery.addByAddress({ address, kind: 'sophon' });
    expect(terminal).toMatchObject({ kind: 'sophon', apiVersion: 'v2' });
  });

  it('refuses a device that does not answer like the chosen kind, saying what was tried and what it answered', async () => {
    const address = await start(notATerminal);
    const error: unknown = await core.services.discovery
      .addByAddress({ address, kind: 'basip', credentials: ADMIN })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('VALIDATION');
    expect(appError.message).toContain('does not answer like a BAS-IP panel');
    expect(appError.message).toContain('GET /api/v1/info → 404 text/html');
    expect(appError.message).toContain('Check the address and the port');
    const { attempts } = appError.details as { attempts: ProbeAttempt[] };
    expect(attempts[0]).toMatchObject({
      kind: 'basip',
      authenticated: false,
      request: 'GET /api/v1/info',
      status: 404,
      contentType: 'text/html',
      excerpt: '<h1>Not Found</h1><p>/api/v1/info</p>',
      failure: null,
    });
    const login = attempts.find((a) => a.request === 'GET /api/v1/login');
    expect(login).toMatchObject({ authenticated: true, status: 404 });
    // The server echoed the login's query: neither the password nor its hash is kept.
    const kept = JSON.stringify(appError.details) + appError.message;
    for (const secret of [ADMIN.password, MD5, MD5.toUpperCase()]) expect(kept).not.toContain(secret);
    expect(core.services.inventory.list()).toEqual([]);
  });

  it('saves a device of no known kind (no kind chosen) as unknown, with the record of what was tried', async () => {
    const address = await start(notATerminal);
    const terminal = await core.services.discovery.addByAddress({ address });
    expect(terminal.kind).toBe('unknown');
    expect(TerminalSchema.parse(terminal)).toEqual(terminal);
    const record = terminal.identification;
    expect(record?.chosenKind).toBeNull();
    expect(record?.attempts.map((a) => `${a.kind ?? 'http'} ${a.request} ${a.status ?? a.failure}`)).toEqual([
      'sophon POST /sophon/v2/face/getidentities 404',
      'basip GET /api/v1/info 404',
      'basip GET /api/info 404',
      'basip GET /api/v0/info 404',
      'http GET / 404',
    ]);
  });

  it('records why nothing answered: a closed port is a NETWORK error, not an unknown device', async () => {
    const server = await serve(notATerminal);
    const port = server.port;
    await server.close();
    await expect(
      core.services.discovery.addByAddress({ address: `127.0.0.1:${port}`, kind: 'basip', credentials: ADMIN }),
    ).rejects.toMatchObject({ code: 'NETWORK' });
    expect(core.services.inventory.list()).toEqual([]);
  });

  describe('every answer variant real firmware sends is identified with its kind and capability', () => {
    const SOPHON = { username: 'admin', password: 'admin' };
    const cases: {
      name: string;
      kind: 'sophon' | 'basip';
      firmware?: string;
      variants: FirmwareVariant[];
      api: string;
      canRemove: boolean;
    }[] = [
      {
        name: 'Sophon, numbers for text',
        kind: 'sophon',
        variants: ['numeric-values', 'int-codes'],
        api: 'v2',
        canRemove: true,
      },
      { name: 'Sophon, nulls', kind: 'sophon', variants: ['null-values'], api: 'v2', canRemove: true },
      {
        name: 'BAS-IP, numbers for text',
        kind: 'basip',
        variants: ['numeric-values', 'no-totals'],
        api: 'v1',
        canRemove: true,
      },
      { name: 'BAS-IP, nulls', kind: 'basip', variants: ['null-values'], api: 'v1', canRemove: true },
      {
        name: 'BAS-IP, info behind a login, nulls',
        kind: 'basip',
        variants: ['info-behind-login', 'null-values'],
        api: 'v1',
        canRemove: true,
      },
      {
        name: 'BAS-IP on 3.8 firmware (API v0)',
        kind: 'basip',
        firmware: '3.8.2',
        variants: [],
        api: 'v0',
        canRemove: false,
      },
    ];
    for (const c of cases) {
      it(`${c.name}: by address with its kind and credentials`, async () => {
        const serial = `VAR-${c.kind}-${c.variants.join('+') || c.firmware}`;
        const options = { serial, people: people.slice(0, 6), knobs: { variants: c.variants } };
        const device =
          c.kind === 'sophon'
            ? createSophonDevice(options)
            : createBasipDevice({ ...options, ...(c.firmware ? { firmware: c.firmware } : {}) });
        const address = await start(device.handle);
        const credentials = c.kind === 'sophon' ? SOPHON : ADMIN;
        const terminal = await core.services.discovery.addByAddress({ address, kind: c.kind, credentials });
        expect(terminal).toMatchObject({ kind: c.kind, apiVersion: c.api, trust: 'trusted' });
        // Sophon terminals tell no serial without mDNS: they are keyed by address (PROTOCOLS.md §2).
        if (c.kind === 'basip') expect(terminal.serial).toBe(serial);
        expect(canRemove(capabilitiesOf(terminal))).toBe(c.canRemove);
        if (!c.canRemove) {
          // Firmware too old: not logged in to, not "rejected".
          expect(terminal.credentials).not.toBe('rejected');
          return;
        }
        expect(terminal.credentials).toMatch(/^(ok|not-required)$/);
        // What the app reads of its people survives the variant: every person, by the ids removal needs.
        const read = await core.services.discovery.listPeople(terminal.serial, 0, 50);
        // A panel that sends no totals gets none made up.
        const truth = c.kind === 'sophon' ? device.stats().people : device.stats().identifiers;
        expect(read.total).toBe(c.variants.includes('no-totals') ? null : truth);
        expect(read.items.length).toBeGreaterThan(0);
        expect(read.items.every((p) => typeof p.id === 'string' && p.id !== '')).toBe(true);
      });
    }
  });
});
