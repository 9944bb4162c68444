import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { HOST_NODE_FLAGS } from '../../electron/host/node-flags.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The built renderer the browser host serves (`npm run build`). */
export const RENDERER_INDEX = join(ROOT, 'out/renderer/index.html');

/** Passphrase of the credential file in the bench's data directory (the host wants one; nothing is stored). */
const BENCH_SECRET_KEY = 'fcom-bench-only-passphrase';

/** A browser host started for one run, on 127.0.0.1 with its own data directory. */
export interface HostProcess {
  url: string;
  pid: number;
  /** Stops the host (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Extra settings of a host started for a measurement. */
export interface HostProcessOptions {
  /** Node options before the script (e.g. `--import` of a memory sampler, `--trace-gc`). */
  nodeArgs?: readonly string[];
  /** More environment variables for the host. */
  env?: Readonly<Record<string, string>>;
}

/**
 * Starts `electron/host/main.ts` on a free 127.0.0.1 port with `dataDir`, with the Node options `npm run web`
 * gives it (`HOST_NODE_FLAGS`, then `options.nodeArgs`), as the e2e fixture does, and waits
 * for its ready line. mDNS stays inside private namespaces (`FCOM_MDNS=isolated-only`), so nothing leaves
 * the machine.
 */
export async function startHost(dataDir: string, options: HostProcessOptions = {}): Promise<HostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...HOST_NODE_FLAGS,
      ...(options.nodeArgs ?? []),
      join(ROOT, 'electron/host/main.ts'),
      '--ready-json',
      '--data-dir',
      dataDir,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, ...options.env, FCOM_MDNS: 'isolated-only', FCOM_SECRET_KEY: BENCH_SECRET_KEY },
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('exit', (code) => reject(new Error(`The browser host exited early with code ${code}.`)));
    lines.once('line', (line) => resolveUrl((JSON.parse(line) as { url: string }).url));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/**
 * A field of `/proc/PID/status` in MB (`VmHWM`: the peak resident set since the process started; `VmRSS`:
 * now). Null when the process is gone or the field is missing (not Linux).
 */
export function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Why the UI benchmark cannot run here: no built renderer, no Chromium, or no /proc. Null when it can. */
export function uiBenchUnavailable(chromium: string): string | null {
  if (!existsSync(RENDERER_INDEX)) return 'out/renderer is missing: run `npm run build` first.';
  if (!existsSync(chromium))
    return `Chromium is missing at ${chromium} (apt-get install chromium, or set FCOM_CHROMIUM).`;
  if (!existsSync('/proc/self/status')) return 'no /proc: the host peak RSS cannot be read on this system.';
  return null;
}
