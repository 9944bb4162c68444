import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDataDir, resolveDataDir } from './data-dir.ts';

describe('resolveDataDir', () => {
  it('prefers the explicit directory, then FCOM_DATA_DIR, then the platform default', () => {
    expect(resolveDataDir('rel/dir', { FCOM_DATA_DIR: '/env' }, 'linux', '/home/t')).toBe(resolve('rel/dir'));
    expect(resolveDataDir(undefined, { FCOM_DATA_DIR: '/env' }, 'linux', '/home/t')).toBe('/env');
    expect(resolveDataDir(undefined, {}, 'linux', '/home/t')).toBe('/home/t/.local/share/face-commissioner');
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: '/xdg' }, 'linux', '/home/t')).toBe('/xdg/face-commissioner');
    expect(resolveDataDir(undefined, {}, 'darwin', '/Users/t')).toBe(
      '/Users/t/Library/Application Support/face-commissioner',
    );
  });
});

describe.skipIf(process.platform === 'win32')('prepareDataDir', () => {
  it('creates the folder 0700 and the database 0600, and narrows what an older version left wider', () => {
    const root = mkdtempSync(join(tmpdir(), 'fcom-dir-'));
    try {
      const fresh = join(root, 'fresh');
      prepareDataDir(fresh, ['fcom.sqlite']);
      expect(statSync(fresh).mode & 0o777).toBe(0o700);
      expect(statSync(join(fresh, 'fcom.sqlite')).mode & 0o777).toBe(0o600);

      const old = join(root, 'old');
      mkdirSync(old, { mode: 0o755 });
      chmodSync(old, 0o755);
      for (const f of ['fcom.sqlite', 'fcom.sqlite-wal']) writeFileSync(join(old, f), '', { mode: 0o644 });
      chmodSync(join(old, 'fcom.sqlite'), 0o644);
      prepareDataDir(old, ['fcom.sqlite']);
      expect(statSync(old).mode & 0o777).toBe(0o700);
      expect(statSync(join(old, 'fcom.sqlite')).mode & 0o777).toBe(0o600);
      expect(statSync(join(old, 'fcom.sqlite-wal')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
