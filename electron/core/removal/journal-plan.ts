import type { RemovalItem, RemovalMode } from '../../../shared/domain/people-import.ts';
import type { Database } from '../db/database.ts';
import type { PlannedItem } from './plan-ids.ts';
import type { PlanTarget } from './plan-profile.ts';
import { liveCountsFor } from './live-counts.ts';

/** A target of a plan journaled in rounds: where its items start in the job's order, and how many it has. */
export interface FedTarget extends PlanTarget {
  firstSeq: number;
  count: number;
}

/**
 * What regenerates a plan's items round after round (plan-feed.ts): the list, the targets in plan order, and
 * how many items of each target a round journals. Stored until the plan is whole (migration 16).
 */
export interface FedPlan {
  mode: RemovalMode;
  items: RemovalItem[];
  targets: FedTarget[];
  perRound: number;
}

/** A plan still being journaled: what regenerates it and the next round to journal. */
export interface IncompletePlan {
  plan: FedPlan;
  nextRound: number;
}

/**
 * Writing a plan's items into the removal journal: all at once, or in rounds while the job runs (the rest of
 * the plan and the next round kept in `job_plans` until the last round). Part of the journal.
 */
export function createPlanJournal(db: Database, now: () => number) {
  const sql = db.sqlite;
  const insertItem = sql.prepare(`INSERT INTO job_items (job_id, seq, terminal, terminal_kind, line, name,
    person_key, id_kind, native_id, face_id, state, outcome, raw_code, reason, retryable, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPlan = sql.prepare('INSERT INTO job_plans (job_id, input, next_round) VALUES (?, ?, ?)');
  const advancePlan = sql.prepare('UPDATE job_plans SET next_round = ? WHERE job_id = ? AND next_round = ?');
  const dropPlan = sql.prepare('DELETE FROM job_plans WHERE job_id = ? AND next_round = ?');
  const planExists = sql.prepare('SELECT 1 AS x FROM job_plans WHERE job_id = ?');
  const planOf = sql.prepare('SELECT input, next_round AS nextRound FROM job_plans WHERE job_id = ?');
  const stateOf = sql.prepare('SELECT state FROM jobs WHERE id = ?');
  const live = liveCountsFor(sql);

  /**
   * Writes items (inside the caller's transaction): pending, failed at once when planned as failed, or cancelled
   * when the job was cancelled before they were journaled. Items come grouped by terminal (the plan's order); a
   * group that names one id twice is refused (nothing is written): the table has no index of the ids to refuse
   * it (migration 17), and the plan's rounds are distinct by construction (plan-profile.ts drops duplicates).
   * One terminal's ids are held at a time, not a whole job's.
   */
  const writeItems = (jobId: string, items: Iterable<PlannedItem>, cancelled = false): void => {
    const at = now();
    let terminal: string | null = null;
    const written = new Set<string>();
    for (const item of items) {
      if (item.terminal !== terminal) {
        terminal = item.terminal;
        written.clear();
      }
      const key = `${item.idKind}\u0000${item.nativeId}\u0000${item.faceId}`;
      if (written.has(key)) {
        throw new Error(`Item ${item.idKind} ${item.nativeId} of terminal ${item.terminal} is planned twice.`);
      }
      written.add(key);
      const failed = item.failure !== null;
      const final = failed || cancelled;
      insertItem.run(
        jobId,
        item.seq,
        item.terminal,
        item.terminalKind,
        item.line,
        item.name,
        item.personKey,
        item.idKind,
        item.nativeId,
        item.faceId,
        final ? 'final' : 'pending',
        failed ? 'failed' : cancelled ? 'cancelled' : null,
        item.failure?.rawCode ?? null,
        item.failure?.reason ?? null,
        failed ? 0 : 1,
        at,
      );
    }
  };

  return {
    writeItems,

    /** Keeps what regenerates the rest of the plan (inside the caller's transaction, with the first round). */
    savePlan(jobId: string, plan: FedPlan, nextRound: number): void {
      insertPlan.run(jobId, JSON.stringify(plan), nextRound);
    },

    /**
     * Journals rounds `from` to `to - 1` of a plan and moves its cursor to `to`, in one transaction; the last
     * rounds (`last`) drop the plan's row. Items of a job cancelled meanwhile are journaled cancelled. Throws
     * when the cursor is not at `from` (another process journaled them): nothing is written twice. The job's live
     * counts follow the new items (a recount of 500,000 items after every round would not).
     */
    appendRounds(jobId: string, from: number, to: number, items: readonly PlannedItem[], last: boolean): void {
      live.check();
      const cancelled = db.transaction(() => {
        const moved = last ? dropPlan.run(jobId, from) : advancePlan.run(to, jobId, from);
        if (Number(moved.changes) !== 1) {
          throw new Error(`Round ${from} of job ${jobId}'s plan was already journaled.`);
        }
        const state = (stateOf.get(jobId) as { state: string } | undefined)?.state;
        writeItems(jobId, items, state === 'cancelled');
        return state === 'cancelled';
      });
      for (const item of items) {
        live.add(jobId, item.terminal, item.failure ? 'failed' : cancelled ? 'cancelled' : 'pending', 1);
      }
      live.settled();
    },

    /** Whether some of the job's plan is still to be journaled. */
    planBeingJournaled(jobId: string): boolean {
      return planExists.get(jobId) !== undefined;
    },

    /** The plan of a job still being journaled, or undefined when its plan is whole. */
    incompletePlan(jobId: string): IncompletePlan | undefined {
      const row = planOf.get(jobId) as { input: string; nextRound: number } | undefined;
      return row ? { plan: JSON.parse(row.input) as FedPlan, nextRound: row.nextRound } : undefined;
    },
  };
}
