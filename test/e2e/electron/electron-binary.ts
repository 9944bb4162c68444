import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ELECTRON_DIR = resolve(import.meta.dirname, '../../../node_modules/electron');

/**
 * The Electron executable, or why there is none. Reads `path.txt` and looks for the file it names, without
 * requiring the `electron` package (electron 45 would try to download its binary on first require).
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'the Electron binary is not installed (node_modules/electron/path.txt is absent; run `npx install-electron` where GitHub is reachable)',
    };
  }
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { missing: `the Electron binary named by path.txt is missing (${binary})` };
}
