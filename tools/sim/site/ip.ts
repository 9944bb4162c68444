import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Every namespace this harness creates is named `fcom-<owner pid>-<network number>-<role>`. */
export const NAMESPACE_PREFIX = 'fcom-';

const OWNED = /^fcom-(\d+)-/;

/** What a finished command printed and how it ended. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Whether this machine can build private network namespaces: Linux, root, and iproute2 present.
 * Everything namespace-based in the harness (and its tests) is gated on this.
 */
export function canUseNamespaces(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  return ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].some((path) => existsSync(path));
}

/** Runs a command to its end and collects its output; never rejects on a non-zero exit. */
export function run(command: string, args: readonly string[], timeoutMs = 10_000): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && code !== 0 ? error.message : '') });
    });
  });
}

/** Runs `ip` with `args`; rejects with its error text when it fails. */
export async function ip(args: readonly string[]): Promise<string> {
  const result = await run('ip', args);
  if (result.code !== 0) throw new Error(`ip ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

/**
 * Feeds `lines` to one `ip -batch` process (inside `namespace` when given), so a whole namespace is
 * configured with one process. With `force`, a failing line does not stop the rest.
 */
export function ipBatch(
  lines: readonly string[],
  options: { namespace?: string; force?: boolean } = {},
): Promise<void> {
  const args = [...(options.namespace ? ['-n', options.namespace] : []), ...(options.force ? ['-force'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn('ip', [...args, '-batch', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 || options.force) resolve();
      else reject(new Error(`ip ${args.join(' ')} -batch failed (${code}): ${stderr.trim()}`));
    });
    child.stdin.end(lines.join('\n') + '\n');
  });
}

/** Names of every named network namespace on the machine (`ip netns list`). */
export function listNamespacesSync(): string[] {
  try {
    return parseNamespaceList(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }));
  } catch {
    return [];
  }
}

/** Parses `ip netns list` output ("name (id: 3)" per line) into names. */
export function parseNamespaceList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name.length > 0);
}

/** The pid encoded in a harness namespace name, or undefined for any other name. */
export function ownerPid(name: string): number | undefined {
  const match = OWNED.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Whether a process with this pid exists now. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Synchronously kills every process still inside each namespace and deletes the namespaces. Safe in an
 * `exit` handler; a namespace that is already gone is skipped.
 */
export function deleteNamespacesSync(names: readonly string[]): void {
  const existing = new Set(listNamespacesSync());
  const doomed = names.filter((name) => existing.has(name));
  if (doomed.length === 0) return;
  for (const name of doomed) {
    try {
      const pids = execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
      for (const pid of pids) killQuietly(Number(pid), 'SIGKILL');
    } catch {
      // The namespace vanished meanwhile.
    }
  }
  try {
    execFileSync('ip', ['-force', '-batch', '-'], {
      input: doomed.map((name) => `netns del ${name}`).join('\n') + '\n',
      stdio: ['pipe', 'ignore', 'ignore'],
    });
  } catch {
    // -force reports failures but has deleted what it could.
  }
}

/**
 * Deletes every `fcom-<pid>-*` namespace whose owner process is dead (left by a crashed or killed
 * run), with any process still inside it. Returns the names it deleted.
 */
export function reapStaleNamespaces(): string[] {
  if (!canUseNamespaces()) return [];
  const stale = listNamespacesSync().filter((name) => {
    const pid = ownerPid(name);
    return pid !== undefined && pid !== process.pid && !isAlive(pid);
  });
  deleteNamespacesSync(stale);
  return stale;
}

/** Sends a signal, ignoring a process that is already gone. */
export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
