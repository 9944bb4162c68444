import type { RemovalMode } from '../../../shared/domain/people-import.ts';
import type { RemovalSettings } from '../../../shared/domain/removal.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import type { TerminalSession } from '../drivers/driver.ts';
import { backoffDelay, sleep, type BackoffPolicy } from '../jobs/backoff.ts';
import type { CommitGroup } from '../jobs/commit-group.ts';
import type { Journal } from './journal.ts';
import type { RequestLimiter } from '../jobs/limiter.ts';
import type { WithSlot } from './presence.ts';
import type { RunControl } from '../jobs/run.ts';

/** Everything a lane (one terminal of one job) works with. */
export interface LaneContext {
  jobId: string;
  terminal: Terminal;
  mode: RemovalMode;
  verify: boolean;
  session: TerminalSession;
  journal: Journal;
  /** Group commit: a claim or an answer is durable once its promise resolves (shared with other lanes). */
  commits: CommitGroup;
  limiter: RequestLimiter;
  settings: RemovalSettings;
  backoff: BackoffPolicy;
  control: RunControl;
  /** Whether the terminal's items are all journaled yet (a large plan is journaled in rounds: plan-feed.ts). */
  plan: LanePlan;
  /** Something was journaled: progress may be published (throttled by the run). */
  onProgress(): void;
  /** The terminal stopped answering: tell the inventory (and the UI) it is offline. */
  onOffline(): void;
  now(): number;
}

/** A lane's view of its job's plan while it is journaled in rounds. */
export interface LanePlan {
  /** Whether every item of this terminal is journaled. */
  whole(): boolean;
  /** Whether items of `idKind` are still to be journaled for this terminal. */
  coming(idKind: string): boolean;
  /** Resolves true when another round is journaled (at once when whole), false when `signal` aborts first. */
  next(signal: AbortSignal): Promise<boolean>;
}

/**
 * Waits until every item of the lane's terminal is journaled; false when the job was stopped first. A lane
 * ends for its terminal only then, so what it records at its end (queued, failed, verified) covers them all.
 */
export async function untilWhole(ctx: Pick<LaneContext, 'plan' | 'control'>): Promise<boolean> {
  while (!ctx.plan.whole()) {
    if (!(await ctx.plan.next(ctx.control.stopSignal))) return false;
  }
  return true;
}

/** Runs one request of the lane's terminal inside a limiter slot (aborted only by shutdown). */
export function slotFor(ctx: LaneContext): WithSlot {
  return async (work) => {
    const release = await ctx.limiter.acquire(ctx.terminal.serial, ctx.control.closeSignal);
    try {
      return await work();
    } finally {
      release();
    }
  };
}

/** Waits the back-off before retry `attempt`; false when the job was stopped meanwhile. */
export async function waitBackoff(ctx: LaneContext, attempt: number): Promise<boolean> {
  try {
    await sleep(backoffDelay(attempt, ctx.backoff), ctx.control.stopSignal);
    return true;
  } catch {
    return false;
  }
}
