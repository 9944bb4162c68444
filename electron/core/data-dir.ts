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
