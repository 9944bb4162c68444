import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Folder name used under the platform's application-data directory. */
const APP_FOLDER = 'face-commissioner';

/**
 * Where the CLI and the browser host keep their data: an explicit directory wins, then `FCOM_DATA_DIR`,
 * then the platform's usual place (the Electron app uses its own `userData` instead).
 */
export function resolveDataDir(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (explicit) return resolve(explicit);
  if (env.FCOM_DATA_DIR) return resolve(env.FCOM_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), APP_FOLDER);
}

/**
 * Makes the data directory private before anything is written in it: the folder 0700 (created so, or narrowed when
 * an older version left it wider), and the named files (the database; SQLite gives its -wal and -shm files the
 * database file's mode) created empty with 0600 or narrowed to it. Credentials, tokens and journals of a site
 * are readable by the technician's account only. No-op on Windows (its folder ACLs are per user already).
 */
export function prepareDataDir(
  dir: string,
  files: readonly string[] = [],
  platform: NodeJS.Platform = process.platform,
): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (platform === 'win32') return;
    narrow(dir, 0o700);
    for (const name of files) {
      const path = join(dir, name);
      if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
      for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) narrow(file, 0o600);
    }
  } catch {
    // A read-only or full disk, no permission: opening the database next says what happened and what to do.
  }
}

/** Removes group and other permissions from `path` (only when it has some; a foreign owner's file is left). */
function narrow(path: string, mode: number): void {
  try {
    const current = statSync(path).mode & 0o777;
    if ((current & 0o077) !== 0) chmodSync(path, current & mode);
  } catch {
    // Not ours to change (another owner, a read-only mount): opening it reports the real problem.
  }
}
