import type { Prng } from '../../tools/sim/common/prng.ts';
import type { AppLauncher } from './app-process.ts';

/** Longest an app process may run before the kill timer kills it anyway (a hang is a kill, counted apart). */
export const MAX_RUN_MS = 60_000;

/** The kill -9s the timer made. */
export interface KillCounts {
  kills: number;
  /** Kills of a process that ran past {@link MAX_RUN_MS}. */
  overtime: number;
}

/**
 * Kills the running app process with SIGKILL at random moments, on average `perMinute` times a minute until
 * `until`: a gap drawn between 0.3 and 1.7 times the mean; when a kill is due and no process runs, it lands
 * 0.3 to 6 s into the next one (if it still runs then). A process past {@link MAX_RUN_MS} is killed at any
 * time. `stop()` ends it.
 */
export function startKillTimer(
  launcher: AppLauncher,
  prng: Prng,
  perMinute: number,
  until: number,
  log: (line: string) => void,
): { counts: KillCounts; stop(): void } {
  const counts: KillCounts = { kills: 0, overtime: 0 };
  const meanGap = 60_000 / perMinute;
  const gap = (): number => meanGap * (0.3 + 1.4 * prng.next());
  let nextKillAt = Date.now() + gap();
  const timer = setInterval(() => {
    const now = Date.now();
    const running = launcher.runs.at(-1);
    if (!launcher.busy || !running || running.endedAt !== undefined) {
      if (now >= nextKillAt) nextKillAt = now + prng.int(300, 6000);
      return;
    }
    if (now < until && now >= nextKillAt && launcher.kill()) {
      counts.kills += 1;
      nextKillAt = now + gap();
      log(`kill -9 app process ${running.n} (${running.args.join(' ')})`);
    } else if (now - running.startedAt > MAX_RUN_MS && launcher.kill()) {
      counts.kills += 1;
      counts.overtime += 1;
      log(`kill -9 app process ${running.n}: still running after ${MAX_RUN_MS / 1000} s`);
    }
  }, 20);
  return { counts, stop: () => clearInterval(timer) };
}
