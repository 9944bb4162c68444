import { describe, expect, it, vi } from 'vitest';
import type { Terminal } from '../../shared/domain/terminal.ts';
import {
  buildDiagnostics,
  diagnosticsFileName,
  exportDiagnostics,
  MAX_LOG_CHARS,
  summarizeInventory,
  type DiagnosticsInput,
} from './diagnostics.ts';

function terminal(overrides: Partial<Terminal>): Terminal {
  return {
    serial: 'SN-1',
    kind: 'sophon',
    apiVersion: 'v2',
    name: 'Gate 1',
    model: 'F5',
    firmware: '1.2.3',
    address: '10.0.0.11',
    port: 80,
    online: true,
    lastSeen: 1_700_000_000_000,
    credentials: 'ok',
    peopleCount: 120,
    capacity: 5000,
    source: 'mdns',
    adapter: 'eth0',
    ...overrides,
  };
}

const terminals = [
  terminal({}),
  terminal({ serial: 'SN-2', kind: 'basip', online: false, credentials: 'rejected', address: '10.0.0.12' }),
  terminal({ serial: 'SN-3', kind: 'basip', credentials: 'missing', address: '10.0.0.13' }),
];

function input(overrides: Partial<DiagnosticsInput> = {}): DiagnosticsInput {
  return {
    generatedAt: new Date('2026-11-22T19:45:07.123Z'),
    app: {
      name: 'Face Commissioner',
      version: '0.1.0',
      packaged: true,
      dataDir: '/home/tech/.config/Face Commissioner',
    },
    versions: { electron: '45.4.1', chrome: '142.0.0.0', node: '24.11.0', v8: '14.2', unrelated: 'x' },
    os: { platform: 'linux', arch: 'x64', release: '6.8.0', locale: 'en-GB' },
    settings: { language: 'en', siteAdapters: ['eth1'] },
    terminals,
    logs: [
      { name: 'main.1.log', text: 'old line\n' },
      {
        name: 'main.log',
        text: '[info] GET /api/v1/login?username=admin&password=E10ADC3949BA59ABBE56E057F20F883E\n[warn] Authorization: Bearer abc.def\n',
      },
    ],
    ...overrides,
  };
}

describe('summarizeInventory', () => {
  it('counts by state, kind and credential state, and drops names and people counts', () => {
    const summary = summarizeInventory(terminals);
    expect(summary).toMatchObject({
      total: 3,
      online: 2,
      offline: 1,
      byKind: { sophon: 1, basip: 2 },
      byCredentials: { ok: 1, rejected: 1, missing: 1 },
    });
    expect(summary.terminals[1]).toEqual({
      serial: 'SN-2',
      kind: 'basip',
      apiVersion: 'v2',
      model: 'F5',
      firmware: '1.2.3',
      address: '10.0.0.12',
      port: 80,
      online: false,
      lastSeen: 1_700_000_000_000,
      credentials: 'rejected',
      source: 'mdns',
      adapter: 'eth0',
    });
  });
});

describe('buildDiagnostics', () => {
  it('bundles versions, OS, settings, inventory and logs into one JSON-safe document', () => {
    const bundle = buildDiagnostics(input());
    expect(bundle.format).toBe('face-commissioner-diagnostics');
    expect(bundle.generatedAt).toBe('2026-11-22T19:45:07.123Z');
    expect(bundle.versions).toEqual({ electron: '45.4.1', chrome: '142.0.0.0', node: '24.11.0', v8: '14.2' });
    expect(bundle.os.platform).toBe('linux');
    expect(bundle.settings).toEqual({ language: 'en', siteAdapters: ['eth1'] });
    expect(bundle.inventory.total).toBe(3);
    expect(bundle.logs.map((log) => log.name)).toEqual(['main.1.log', 'main.log']);
    expect(bundle.logs[0]).toEqual({ name: 'main.1.log', truncated: false, lines: ['old line'] });
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
  });

  it('redacts secrets from log lines and from anything else that carries one', () => {
    const bundle = buildDiagnostics(input({ settings: { language: 'en', cloud: { clientSecret: 'cs-1' } } }));
    const text = JSON.stringify(bundle);
    for (const secret of ['E10ADC3949BA59ABBE56E057F20F883E', 'abc.def', 'cs-1']) expect(text).not.toContain(secret);
    expect(bundle.logs[1]?.lines).toEqual([
      '[info] GET /api/v1/login?username=admin&password=[REDACTED]',
      '[warn] Authorization: [REDACTED]',
    ]);
  });

  it('keeps only the end of a huge log file, from a whole line', () => {
    const line = 'x'.repeat(99) + '\n';
    const text = 'first\n' + line.repeat(Math.ceil(MAX_LOG_CHARS / line.length) + 10) + 'last\n';
    const [log] = buildDiagnostics(input({ logs: [{ name: 'main.log', text }] })).logs;
    expect(log?.truncated).toBe(true);
    expect(log?.lines.at(-1)).toBe('last');
    expect(log?.lines).not.toContain('first');
    expect(log?.lines[0]).toBe('x'.repeat(99));
  });
});

describe('buildDiagnostics with a log read from its end', () => {
  it('drops the partial first line of a file the shell already cut', () => {
    const [log] = buildDiagnostics(
      input({ logs: [{ name: 'main.log', text: 'rd=abc\nwhole line\n', truncated: true }] }),
    ).logs;
    expect(log).toEqual({ name: 'main.log', truncated: true, lines: ['whole line'] });
  });
});

describe('exportDiagnostics', () => {
  it('suggests a dated file name, builds the bundle and writes it where chosen', async () => {
    const writeFile = vi.fn(async () => undefined);
    const chooseSavePath = vi.fn(async (name: string) => `/tmp/${name}`);
    const path = await exportDiagnostics({
      collect: async () => input(),
      chooseSavePath,
      writeFile,
      now: () => new Date('2026-11-22T19:45:07.123Z'),
    });
    expect(chooseSavePath).toHaveBeenCalledWith('face-commissioner-diagnostics-2026-11-22T19-45-07Z.json');
    expect(path).toBe('/tmp/face-commissioner-diagnostics-2026-11-22T19-45-07Z.json');
    const [[writtenPath, content]] = writeFile.mock.calls as unknown as [[string, string]];
    expect(writtenPath).toBe(path);
    expect(JSON.parse(content)).toMatchObject({ format: 'face-commissioner-diagnostics', inventory: { total: 3 } });
    expect(content).not.toContain('E10ADC3949BA59ABBE56E057F20F883E');
  });

  it('collects and writes nothing when the dialog is cancelled', async () => {
    const collect = vi.fn(async () => input());
    const writeFile = vi.fn(async () => undefined);
    const path = await exportDiagnostics({
      collect,
      chooseSavePath: async () => undefined,
      writeFile,
      now: () => new Date(),
    });
    expect(path).toBeUndefined();
    expect(collect).not.toHaveBeenCalled();
    expect(writeFile).not.toHaveBeenCalled();
  });

  it('names files without characters Windows refuses', () => {
    expect(diagnosticsFileName(new Date('2026-01-02T03:04:05.000Z'))).toMatch(/^[\w.-]+$/);
  });
});
