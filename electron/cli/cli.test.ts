import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FCOM } from '../../test/support/cli/test-cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'fcom-cli-'));

function fcom(...args: string[]) {
  const run = spawnSync(process.execPath, [FCOM, ...args], {
    encoding: 'utf8',
    env: { ...process.env, FCOM_DATA_DIR: dataDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('fcom command line', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists its commands and global options in --help', () => {
    const help = fcom('--help');
    expect(help.code).toBe(0);
    for (const word of ['version', 'status', 'adapters', 'settings', '--data-dir', '--json']) {
      expect(help.stdout).toContain(word);
    }
  });

  it('prints the version as JSON with --json', () => {
    const run = fcom('version', '--json');
    expect(run.code).toBe(0);
    const info = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({ name: 'Face Commissioner', target: 'cli', dataDir });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('honours --data-dir over FCOM_DATA_DIR and persists settings there', () => {
    const other = mkdtempSync(join(tmpdir(), 'fcom-cli-other-'));
    try {
      expect(fcom('--data-dir', other, 'settings', 'set', '--language', 'zh-CN').code).toBe(0);
      const there = JSON.parse(fcom('--data-dir', other, '--json', 'settings', 'get').stdout) as { language: string };
      expect(there.language).toBe('zh-CN');
      const here = JSON.parse(fcom('settings', 'get', '--json').stdout) as { language: string };
      expect(here.language).toBe('en');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('exits non-zero with a one-line reason on bad input', () => {
    const wrongValue = fcom('settings', 'set', '--language', 'fr');
    expect(wrongValue.code).toBe(2);
    expect(wrongValue.stderr).toContain('fr');

    const nothing = fcom('settings', 'set');
    expect(nothing.code).toBe(1);
    expect(nothing.stderr.trim().split('\n')).toHaveLength(1);
    expect(nothing.stderr).toContain('Nothing to change');

    expect(fcom('no-such-command').code).toBe(2);
  });

  it('reports an unusable data directory as a storage error', () => {
    const run = spawnSync(process.execPath, [FCOM, '--data-dir', '/proc/version/not-a-dir', 'status'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^fcom: .*\(STORAGE\)\n$/);
  });
});
