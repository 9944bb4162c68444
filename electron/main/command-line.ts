import { isAbsolute, resolve } from 'node:path';

/** The switch that puts the app's data (database, credentials, logs, window state) in another directory. */
export const USER_DATA_DIR_SWITCH = '--user-data-dir';

/**
 * The directory named by `--user-data-dir=DIR` (or `--user-data-dir DIR`) on the command line, resolved against
 * `cwd`; undefined when absent or empty. Tests and technicians use it to run with a separate data directory;
 * index.ts applies it with `app.setPath('userData', dir)` before the app is ready. Only arguments before a `--`
 * are read.
 */
export function userDataDirFromArgv(argv: readonly string[], cwd: string = process.cwd()): string | undefined {
  let found: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '--') break;
    if (argument.startsWith(`${USER_DATA_DIR_SWITCH}=`)) found = argument.slice(USER_DATA_DIR_SWITCH.length + 1);
    else if (argument === USER_DATA_DIR_SWITCH) {
      const next = argv[index + 1];
      if (next !== undefined && !next.startsWith('--')) {
        found = next;
        index += 1;
      }
    }
  }
  const trimmed = found?.trim().replace(/^"(.*)"$/, '$1');
  if (!trimmed) return undefined;
  return isAbsolute(trimmed) ? trimmed : resolve(cwd, trimmed);
}
