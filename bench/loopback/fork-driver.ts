import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncDriverMessage, SyncUntilReport } from './sync-protocol.ts';

/** Options of {@link runSyncDriver}. */
export interface SyncDriverOptions {
  /** Kill the driver (SIGKILL, by its pid) after this long; the run then fails. */
  timeoutMs: number;
  /** Called once every removal is queued; the driver starts Sync now when it resolves. */
  onQueued(queued: number): Promise<void>;
}

/**
 * Forks the sync driver (`sync-until.ts`) with an IPC channel, `FCOM_MDNS=isolated-only` and the harness's
 * compile cache; answers `online` after `onQueued` and resolves with its report. Rejects, quoting its stderr,
 * when it exits without a report, fails, or outlives `timeoutMs`.
 */
export function runSyncDriver(
  script: string,
  args: readonly string[],
  options: SyncDriverOptions,
): Promise<SyncUntilReport> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'fcom-sim-node-compile-cache'),
    FCOM_MDNS: 'isolated-only',
  };
  const child = fork(script, [...args], { env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
  return new Promise((resolve, reject) => {
    let report: SyncUntilReport | undefined;
    let failure: Error | undefined;
    const timer = setTimeout(() => {
      failure = new Error(`${script} did not end within ${options.timeoutMs} ms. ${stderr.trim()}`.trim());
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('message', (raw) => {
      const message = raw as SyncDriverMessage;
      if (message.type === 'report') report = message.report;
      if (message.type !== 'queued') return;
      options.onQueued(message.queued).then(
        () => child.send({ type: 'online' } satisfies SyncDriverMessage),
        (error: unknown) => {
          failure = error instanceof Error ? error : new Error(String(error));
          child.kill('SIGKILL');
        },
      );
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else if (code !== 0 || report === undefined) {
        reject(new Error(`${script} failed (exit ${code ?? 'signal'}): ${stderr.trim() || 'no report'}`));
      } else resolve(report);
    });
  });
}
