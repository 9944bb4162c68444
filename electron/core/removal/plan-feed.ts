import type { OutcomeCounts } from '../../../shared/domain/removal.ts';
import type { Journal } from './journal.ts';
import type { FedPlan, FedTarget } from './journal-plan.ts';
import type { JobOptions } from './journal-types.ts';
import type { PlannedItem } from './plan-ids.ts';
import { plannedItemAt, profileCache, type TerminalProfile } from './plan-profile.ts';

/** Items a round journals across all targets, about: the first round is journaled by `removal:start` itself. */
export const ROUND_ITEMS = 2_000;

/**
 * Most rounds journaled in one transaction, a turn of the event loop each (1, 2, then this). Larger turns
 * write each index page less often (rounds spread over 50 terminals touch 50 places of every index); smaller
 * ones hold the lanes' answers less long. At 10,000 x 50 without the index of item ids (migration 17): 10 rounds
 * a turn held answers up to 340 ms (loop delay p99) for 41.6 s, 3 rounds 151 ms for 40.5 s, 1 round 114 ms but
 * 2 s more CPU for 41.8 s (BENCHMARKS.md, Analysis).
 */
export const ROUNDS_PER_TURN = 3;

/**
 * Journals large plans in rounds while their jobs run, so the first request leaves at once whatever the job's
 * size. The write-ahead rule holds per item: a lane claims only journaled items, and a lane does not end for
 * its terminal until all of that terminal's items are journaled (see lane.ts).
 */
export interface PlanFeed {
  /**
   * Journals a new job with the first round of its plan (in one transaction, before this returns), then the
   * other rounds in the background, one transaction each; until the last, what regenerates the rest is kept
   * in the journal, so a crash between rounds is completed by {@link PlanFeed.resume}.
   */
  begin(jobId: string, options: JobOptions, label: string | null, plan: FedPlan): void;
  /** Continues journaling a job whose plan is not whole after a restart (nothing when whole or fed here already). */
  resume(jobId: string): void;
  /** Whether items of `idKind` are still to be journaled for a terminal of the job. */
  comingOfKind(jobId: string, serial: string, idKind: string): boolean;
  /**
   * A job's counts with its items not journaled yet counted as pending, so its total is the plan's from the start
   * (the same counts when its plan is whole or not being journaled here).
   */
  withUnjournaled<C extends { counts: OutcomeCounts; total: number }>(jobId: string, counted: C): C;
  /** Whether every item of the job (or of one of its terminals) is journaled. */
  whole(jobId: string, serial?: string): boolean;
  /**
   * Resolves true when the next round of the job is journaled (at once when its plan is whole), false when
   * `signal` aborts first or the app shuts down; rejects when journaling failed (the job then fails, its plan kept for a resume).
   */
  next(jobId: string, signal: AbortSignal): Promise<boolean>;
  /** Shutdown: stops journaling; the rest of each plan is journaled at the next start. */
  close(): void;
}

/** How many items `target` has in round `round` (`perRound` items of each target a round). */
const roundRange = (target: FedTarget, round: number, perRound: number): [number, number] => [
  Math.min(target.count, round * perRound),
  Math.min(target.count, (round + 1) * perRound),
];

/** The number of rounds of a plan. */
export function roundsOf(plan: Pick<FedPlan, 'targets' | 'perRound'>): number {
  return Math.max(1, ...plan.targets.map((t) => Math.ceil(t.count / plan.perRound)));
}

/** Items of each target a round takes, for `targets` targets: `roundItems` spread over them, at least 1. */
export function perRoundFor(targets: number, roundItems = ROUND_ITEMS): number {
  return Math.max(1, Math.floor(roundItems / Math.max(1, targets)));
}

interface Feeding {
  plan: FedPlan;
  profileOf: (target: FedTarget) => TerminalProfile;
  rounds: number;
  nextRound: number;
  failure: Error | null;
  /** Turns of the event loop this feeding has journaled in (the first ones journal fewer rounds). */
  turns: number;
  /** Shutdown: waiters are let go (their lanes end with the shutdown), nothing more is journaled here. */
  stopped: boolean;
  waiters: Set<() => void>;
}

/** Creates the {@link PlanFeed} over the removal journal. */
export function createPlanFeed(journal: Journal): PlanFeed {
  const feeding = new Map<string, Feeding>();
  let closed = false;

  const itemsOfRound = (state: Feeding, round: number): PlannedItem[] => {
    const { plan } = state;
    const items: PlannedItem[] = [];
    for (const target of plan.targets) {
      const [from, to] = roundRange(target, round, plan.perRound);
      const profile = to > from ? state.profileOf(target) : null;
      for (let position = from; profile && position < to; position++) {
        items.push(plannedItemAt(plan.items, profile, target, plan.mode, position, target.firstSeq));
      }
    }
    return items;
  };

  const notify = (state: Feeding): void => {
    const waiters = [...state.waiters];
    state.waiters.clear();
    for (const wake of waiters) wake();
  };

  const feedingOf = (plan: FedPlan, nextRound: number): Feeding => {
    const profiles = profileCache(plan.mode);
    return {
      plan,
      profileOf: (target) => profiles(plan.items, target),
      rounds: roundsOf(plan),
      nextRound,
      failure: null,
      turns: 0,
      stopped: false,
      waiters: new Set(),
    };
  };

  const pump = (jobId: string, state: Feeding): void => {
    // A few rounds a turn of the event loop, in one transaction: the lanes' answers are handled between turns.
    setImmediate(() => {
      if (closed || state.failure) return;
      try {
        const from = state.nextRound;
        // The first turns are smaller, so the lanes' first requests are not held behind a large transaction.
        const to = Math.min(state.rounds, from + Math.min(ROUNDS_PER_TURN, 2 ** state.turns));
        state.turns++;
        const items: PlannedItem[] = [];
        for (let round = from; round < to; round++) items.push(...itemsOfRound(state, round));
        journal.appendRounds(jobId, from, to, items, to === state.rounds);
        state.nextRound = to;
      } catch (error) {
        state.failure = error instanceof Error ? error : new Error(String(error));
      }
      if (state.failure || state.nextRound >= state.rounds) feeding.delete(jobId);
      else pump(jobId, state);
      notify(state);
    });
  };

  return {
    begin(jobId, options, label, plan) {
      const state = feedingOf(plan, 1);
      const rest = state.rounds > 1 ? { plan, nextRound: 1 } : undefined;
      journal.createJob(jobId, options, label, itemsOfRound(state, 0), rest);
      if (!rest || closed) return;
      feeding.set(jobId, state);
      pump(jobId, state);
    },
    resume(jobId) {
      if (closed || feeding.has(jobId)) return;
      const incomplete = journal.incompletePlan(jobId);
      if (!incomplete) return;
      const state = feedingOf(incomplete.plan, incomplete.nextRound);
      feeding.set(jobId, state);
      pump(jobId, state);
    },
    comingOfKind(jobId, serial, idKind) {
      const state = feeding.get(jobId);
      const target = state?.plan.targets.find((t) => t.serial === serial);
      if (!state || !target || target.count <= state.nextRound * state.plan.perRound) return false;
      return (state.profileOf(target).perKind.get(idKind) ?? 0) > 0;
    },
    withUnjournaled(jobId, counted) {
      const state = feeding.get(jobId);
      if (!state) return counted;
      const done = state.nextRound * state.plan.perRound;
      const later = state.plan.targets.reduce((n, t) => n + Math.max(0, t.count - done), 0);
      if (later === 0) return counted;
      return {
        ...counted,
        total: counted.total + later,
        counts: { ...counted.counts, pending: counted.counts.pending + later },
      };
    },
    whole(jobId, serial) {
      const state = feeding.get(jobId);
      if (!state) return !journal.planBeingJournaled(jobId);
      if (serial === undefined) return false;
      const target = state.plan.targets.find((t) => t.serial === serial);
      return target === undefined || target.count <= state.nextRound * state.plan.perRound;
    },
    next(jobId, signal) {
      // Stopped, or shutting down: the lane ends without a conclusion (the plan is completed at the next start).
      if (signal.aborted || closed) return Promise.resolve(false);
      const state = feeding.get(jobId);
      if (!state) {
        return !journal.planBeingJournaled(jobId)
          ? Promise.resolve(true)
          : Promise.reject(new Error(`The plan of job ${jobId} is not journaled whole and is not being journaled.`));
      }
      return new Promise<boolean>((resolve, reject) => {
        const onAbort = (): void => {
          state.waiters.delete(wake);
          resolve(false);
        };
        const wake = (): void => {
          signal.removeEventListener('abort', onAbort);
          if (state.failure) reject(state.failure);
          else resolve(!state.stopped);
        };
        state.waiters.add(wake);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    close() {
      closed = true;
      for (const state of feeding.values()) {
        state.stopped = true;
        notify(state);
      }
      feeding.clear();
    },
  };
}
