import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir.ts';

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
