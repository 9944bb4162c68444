import type { AppLauncher } from './app-process.ts';
import { openWork } from './open-jobs.ts';

/** Settling: at most this many rounds, and this long. */
const SETTLE_ROUNDS = 6;
const SETTLE_MAX_MS = 6 * 60_000;

/** How settling ended. */
export interface Settled {
  settled: boolean;
  rounds: number;
  ms: number;
}

/**
 * Once every fault is undone: rounds of `fcom jobs resume` for every unfinished job, then `fcom sync now`, until
 * no job is unfinished and no item lacks a final outcome (at most {@link SETTLE_ROUNDS} rounds and 6 minutes).
 */
export async function settle(launcher: AppLauncher, dataDir: string, log: (line: string) => void): Promise<Settled> {
  const start = Date.now();
  let rounds = 0;
  for (;;) {
    const open = openWork(dataDir);
    if (open.jobs.length === 0 && open.items === 0) return { settled: true, rounds, ms: Date.now() - start };
    if (rounds >= SETTLE_ROUNDS || Date.now() - start > SETTLE_MAX_MS) {
      return { settled: false, rounds, ms: Date.now() - start };
    }
    rounds += 1;
    log(`settle round ${rounds}: ${open.jobs.length} job(s), ${open.items} item(s) open`);
    for (const jobId of open.jobs) await launcher.run('settle', ['jobs', 'resume', jobId]);
    await launcher.run('settle', ['sync', 'now']);
  }
}
