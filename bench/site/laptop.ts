import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Site } from '../../tools/sim/site/site.ts';

/**
 * `FCOM_BENCH_CPU_PROF=DIR`: the app's process writes a V8 CPU profile of its run into DIR (open it in Chrome's
 * DevTools, Performance). Node refuses `--cpu-prof` in NODE_OPTIONS, hence these flags for `nodeFlags`.
 */
export function cpuProfileFlags(): string[] {
  const dir = process.env.FCOM_BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** Options of {@link runLaptopScript}. */
export interface LaptopScriptOptions {
  /** Kill the script (SIGKILL, by its pid) after this long; it then counts as failed. */
  timeoutMs: number;
  /** Extra environment on top of this process's one (FCOM_MDNS is always `isolated-only`). */
  env?: NodeJS.ProcessEnv;
  /** Node options before the script, e.g. the browser host's V8 flags (`electron/host/node-flags.ts`). */
  nodeFlags?: readonly string[];
}

/**
 * Runs a Node script on the laptop side of the site (inside its namespace, where the app's mDNS may run)
 * with `FCOM_MDNS=isolated-only`, no credential passphrase (a technician's first visit: nothing stored),
 * and the harness's compile cache; resolves with the last JSON line it printed on stdout. Rejects, quoting
 * its stderr, when it exits without one, fails, or outlives `timeoutMs`.
 */
export async function runLaptopScript<T>(
  site: Site,
  script: string,
  args: readonly string[],
  options: LaptopScriptOptions,
): Promise<T> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'fcom-sim-node-compile-cache'),
    ...options.env,
    FCOM_MDNS: 'isolated-only',
  };
  delete env.FCOM_SECRET_KEY;
  const child = site.runInLaptop(process.execPath, [...(options.nodeFlags ?? []), script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const code = await new Promise<number | null>((resolve) => {
    child.once('close', (exitCode) => resolve(exitCode));
    child.once('error', () => resolve(null));
  });
  clearTimeout(timer);
  const last = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('{'))
    .pop();
  if (timedOut) throw new Error(`${script} did not end within ${options.timeoutMs} ms. ${stderr.trim()}`.trim());
  if (code !== 0 || last === undefined) {
    throw new Error(`${script} failed (exit ${code ?? 'error'}): ${stderr.trim() || 'no result line'}`);
  }
  return JSON.parse(last) as T;
}
