import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { childEnv } from './control.ts';

/** The repository root (three levels above this folder). */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** The app's browser host entry point. */
export const HOST_MAIN = join(REPO_ROOT, 'electron/host/main.ts');

/** The built UI the host serves (made by `electron-vite build`). */
export const RENDERER_INDEX = join(REPO_ROOT, 'out/renderer/index.html');

/** What the host prints on its one `--ready-json` line. */
export interface HostReady {
  url: string;
  port: number;
  token: string;
  dataDir: string;
}

/** A running browser host. */
export interface HostProcess {
  ready: HostReady;
  /** Asks it to stop (SIGINT, as Ctrl-C would), waits, and kills it after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts `node electron/host/main.ts --ready-json --port P --data-dir D` through `launch` (inside the
 * laptop namespace, or right here) with FCOM_MDNS=isolated-only, and waits for its ready line.
 */
export async function startHostProcess(
  launch: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess,
  port: number,
  dataDir: string,
  timeoutMs = 20_000,
): Promise<HostProcess> {
  const child = launch(process.execPath, [HOST_MAIN, '--ready-json', `--port=${port}`, `--data-dir=${dataDir}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // mDNS only inside a private namespace, whatever this shell says (unless it turned mDNS off).
    env: childEnv({
      FCOM_MDNS: process.env.FCOM_MDNS === 'off' ? 'off' : 'isolated-only',
      // The demo's data directory is temporary, so is the passphrase of its credential file.
      FCOM_SECRET_KEY: process.env.FCOM_SECRET_KEY ?? randomBytes(16).toString('hex'),
    }),
    cwd: REPO_ROOT,
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-2000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const ready = await new Promise<HostReady>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`The app host was not ready after ${timeoutMs} ms.`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolveReady(JSON.parse(line) as HostReady);
      } catch {
        reject(new Error(`The app host printed "${line}" instead of its ready line.`));
      }
    });
    void exited.then(() => reject(new Error(`The app host exited: ${stderr.trim()}`)));
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    ready,
    stop: async (stopTimeoutMs = 5000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      child.kill('SIGINT');
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * The Electron binary, when this checkout has one (node_modules/electron/path.txt names a file under
 * node_modules/electron/dist/); found without `require('electron')`, which would try to download it.
 */
export function electronBinary(): string | undefined {
  const dir = join(REPO_ROOT, 'node_modules/electron');
  try {
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}
