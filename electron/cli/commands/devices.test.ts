import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeAttempt, Terminal } from '../../../shared/domain/terminal.ts';
import { createBasipDevice } from '../../../tools/sim/basip/index.ts';
import { serve, type SimHandler, type SimServer } from '../../../tools/sim/common/http.ts';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import { cliRunner } from '../../../test/support/cli/test-cli.ts';
import { attemptLine, capabilityText, passwordOption, trustText } from './devices.ts';

/** A BAS-IP panel (simulator) whose info paths need a bearer token: 401 `{"error": "Log In"}` without one. */
function panelBehindLogin(serial: string): SimHandler {
  const device = createBasipDevice({ serial, people: generatePeople('devices-cli', 6) });
  return (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (/^\/api\/(v[01]\/)?info$/.test(path) && !request.headers.authorization) {
      response.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"Log In"}');
      return;
    }
    return device.handle(request, response);
  };
}

/** A web server that is no terminal. */
const router: SimHandler = (_request, response) => {
  response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Router</h1>');
};

// Each case runs fcom as child processes (a second or more each on a loaded 2-core CI machine).
describe('fcom devices add (kind, credentials, --password -) and fcom devices show', { timeout: 90_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-devices-cli-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase', FCOM_MDNS: 'off' };
  const { fcom, start, withInput } = cliRunner(env);
  let panel: SimServer;
  let other: SimServer;

  beforeAll(async () => {
    panel = await serve(panelBehindLogin('CLI-WALLED-1'));
    other = await serve(router);
  });
  afterAll(async () => {
    await panel.close();
    await other.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the password from stdin with --password -: it never shows in the command line', async () => {
    const args = ['--json', 'devices', 'add', `127.0.0.1:${panel.port}`, '--kind', 'basip'];
    const run = start(...args, '--username', 'admin', '--password', '-');
    const cmdline = `/proc/${run.child.pid ?? 0}/cmdline`;
    if (existsSync(cmdline)) {
      // What `ps` shows while fcom waits for its stdin: "-", never the password.
      const shown = readFileSync(cmdline, 'utf8').split('\0');
      expect(shown).toContain('-');
      expect(shown.join(' ')).not.toContain('123456');
    }
    run.child.stdin?.end('123456\n');
    const added = await run.done;
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout + added.stderr).not.toContain('123456');
    const [terminal] = JSON.parse(added.stdout) as Record<string, unknown>[];
    // Identified by logging in (its info is behind the login), with the password read from stdin.
    expect(terminal).toMatchObject({ serial: 'CLI-WALLED-1', kind: 'basip', credentials: 'ok' });
  });

  it('refuses --password - with nothing on stdin', async () => {
    const run = await withInput(
      '',
      'devices',
      'add',
      `127.0.0.1:${panel.port}`,
      '--username',
      'admin',
      '--password',
      '-',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No password on the standard input');
  });

  it('shows one terminal in full, as lines or as JSON, and says when the serial is unknown', async () => {
    const lines = await fcom('devices', 'show', 'CLI-WALLED-1');
    expect(lines.code, lines.stderr).toBe(0);
    expect(lines.stdout).toContain('serial: CLI-WALLED-1');
    expect(lines.stdout).toContain('kind: basip');
    expect(lines.stdout).toContain('apiVersion: v1');
    const json = await fcom('--json', 'devices', 'show', 'CLI-WALLED-1');
    expect(JSON.parse(json.stdout)).toMatchObject({ serial: 'CLI-WALLED-1', credentials: 'ok', identification: null });
    const missing = await fcom('devices', 'show', 'NO-SUCH-SERIAL');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No terminal with serial NO-SUCH-SERIAL .*\(NOT_FOUND\)/);
  });

  it('fails, saving nothing, when the device does not answer like the chosen kind; names what it answered', async () => {
    const address = `127.0.0.1:${other.port}`;
    const run = await withInput(
      'secret-pw\n',
      'devices',
      'add',
      address,
      '--kind',
      'basip',
      '--username',
      'admin',
      '--password',
      '-',
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('does not answer like a BAS-IP panel');
    expect(run.stderr).toContain('GET /api/v1/info → 404 text/html <h1>Router</h1>');
    expect(run.stderr).toContain('(VALIDATION)');
    expect(run.stderr).not.toContain('secret-pw');
    const list = JSON.parse((await fcom('--json', 'devices', 'list')).stdout) as { serial: string }[];
    expect(list.map((t) => t.serial)).toEqual(['CLI-WALLED-1']);
  });

  it('without a kind, saves it as unknown and prints what was tried and what it answered', async () => {
    const address = `127.0.0.1:${other.port}`;
    const lines = await fcom('devices', 'add', address);
    expect(lines.code, lines.stderr).toBe(0);
    expect(lines.stdout).toContain('unknown');
    expect(lines.stdout).toContain('What was tried');
    expect(lines.stdout).toContain(`basip:${other.port}  GET /api/v1/info → 404  text/html  <h1>Router</h1>`);
    const json = await fcom('--json', 'devices', 'add', address);
    const [terminal] = JSON.parse(json.stdout) as { kind: string; identification: { attempts: ProbeAttempt[] } }[];
    expect(terminal?.kind).toBe('unknown');
    expect(terminal?.identification.attempts.map((a) => a.request)).toContain('GET /api/v1/info');
    // Kept with the terminal: another fcom run shows it.
    const shown = await fcom('devices', 'show', `addr:${address}`);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('kind: unknown');
    expect(shown.stdout).toContain(`basip:${other.port}  GET /api/v1/info → 404  text/html  <h1>Router</h1>`);
    const shownJson = JSON.parse((await fcom('--json', 'devices', 'show', `addr:${address}`)).stdout) as {
      identification: { chosenKind: string | null; attempts: ProbeAttempt[] };
    };
    expect(shownJson.identification.chosenKind).toBeNull();
    expect(shownJson.identification.attempts.length).toBeGreaterThan(3);
  });
});

describe('the password option and attempt lines', () => {
  it('takes the first line of stdin for "-", keeping spaces, cutting only the line ending', () => {
    expect(passwordOption('-', () => ' pass word \r\nnext line\n')).toBe(' pass word ');
    expect(passwordOption('plain', () => 'never read')).toBe('plain');
    expect(passwordOption(undefined, () => 'never read')).toBeUndefined();
    expect(() => passwordOption('-', () => '\n')).toThrow(/No password on the standard input/);
  });

  it('writes an attempt as kind and port, request, then the answer or why none came', () => {
    const base = { kind: 'basip' as const, authenticated: true, port: 80, request: 'GET /api/v1/login' };
    expect(
      attemptLine({ ...base, status: 400, contentType: 'application/json', excerpt: '{"error":"x"}', failure: null }),
    ).toBe('basip:80  GET /api/v1/login (with credentials) → 400  application/json  {"error":"x"}');
    expect(attemptLine({ ...base, kind: null, status: null, contentType: null, excerpt: '', failure: 'timeout' })).toBe(
      'http:80  GET /api/v1/login (with credentials) → no answer (timeout)',
    );
  });
});

describe('fcom devices trust and the trust column of fcom devices list', { timeout: 90_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-trust-cli-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase', FCOM_MDNS: 'off' };
  const { fcom } = cliRunner(env);
  let panel: SimServer;

  beforeAll(async () => {
    panel = await serve(createBasipDevice({ serial: 'CLI-TRUST-1', people: [] }).handle);
  });
  afterAll(async () => {
    await panel.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists an added terminal as trusted, trusts it again by serial, and refuses an unknown serial', async () => {
    expect((await fcom('devices', 'add', `127.0.0.1:${panel.port}`)).code).toBe(0);
    const listed = await fcom('devices', 'list');
    expect(listed.stdout).toMatch(/trust/);
    expect(listed.stdout).toMatch(/CLI-TRUST-1.*trusted +remove: link, uid/);
    expect(listed.stdout.split('\n')[0]).toMatch(/TRUST +CAPABILITIES/);
    const trusted = await fcom('--json', 'devices', 'trust', 'CLI-TRUST-1');
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(JSON.parse(trusted.stdout)).toMatchObject([{ serial: 'CLI-TRUST-1', trust: 'trusted' }]);
    const missing = await fcom('devices', 'trust', 'NOPE-1');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Not in the inventory: NOPE-1');
  }, 60_000);

  it('refuses to add a device claiming a trusted serial from another address: exit 1, nothing sent, how to resolve', async () => {
    const impostorDevice = createBasipDevice({ serial: 'CLI-TRUST-1', people: [] });
    const impostor = await serve(impostorDevice.handle);
    try {
      const added = await fcom(
        'devices',
        'add',
        `127.0.0.1:${impostor.port}`,
        '--username',
        'admin',
        '--password',
        '123456',
      );
      expect(added.code).toBe(1);
      expect(added.stderr).toContain(`Not added: the device at 127.0.0.1:${impostor.port} contradicts CLI-TRUST-1`);
      expect(added.stderr).toContain(`fcom devices trust CLI-TRUST-1 --address 127.0.0.1:${impostor.port}`);
      expect(impostorDevice.log.all().filter((e) => e.path.endsWith('/login'))).toEqual([]);
      const listed = await fcom('devices', 'list');
      expect(listed.stdout).toMatch(
        new RegExp(
          `CLI-TRUST-1.*127\\.0\\.0\\.1 +${panel.port} .*conflict \\(claimed at 127\\.0\\.0\\.1:${impostor.port}\\)`,
        ),
      );
    } finally {
      await impostor.close();
    }
    expect((await fcom('devices', 'trust', 'CLI-TRUST-1')).code).toBe(0);
  }, 60_000);

  it('names what each terminal can remove by, and a panel on API v0 as too old, not as rejected', () => {
    expect(capabilityText({ kind: 'sophon', apiVersion: 'v2' })).toBe('remove: id, faces');
    expect(capabilityText({ kind: 'basip', apiVersion: 'v1' })).toBe('remove: link, uid');
    expect(capabilityText({ kind: 'basip', apiVersion: 'v0' })).toBe('firmware too old (API v0)');
    expect(capabilityText({ kind: 'unknown', apiVersion: null })).toBe('nothing');
  });

  it('says where the claimant of a conflict answered', () => {
    const base = { serial: 'S', address: '10.0.0.1', port: 80, pin: null } as const;
    const conflict = { address: '10.0.0.9', port: 80, serial: 'S', kind: 'basip', at: 1 } as const;
    expect(trustText({ ...base, trust: 'untrusted' } as Terminal)).toBe('untrusted');
    expect(
      trustText({ ...base, trust: 'conflict', conflict: { ...conflict, reason: 'serial-elsewhere' } } as Terminal),
    ).toBe('conflict (claimed at 10.0.0.9:80)');
    expect(
      trustText({
        ...base,
        trust: 'conflict',
        conflict: { ...conflict, reason: 'identity-changed', serial: 'X' },
      } as Terminal),
    ).toBe('conflict (10.0.0.9:80 is X)');
  });
});
