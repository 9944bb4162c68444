import type { Violation } from './violation.ts';

/** A job as the app's journal holds it. */
export interface JobRow {
  id: string;
  kind: string;
  state: string;
  label: string | null;
  /** How many items (terminal removals, push channels, Alibaba pairs) the journal holds for it. */
  items: number;
}

/** One item (operation) of a job: a person on a terminal, a push to a channel, a (scope, user) pair. */
export interface ItemRow {
  source: 'removal' | 'push' | 'aliyun';
  id: number;
  jobId: string;
  state: string;
  outcome: string | null;
}

/** A job the app told the conductor it accepted ("Job … started: N items"). */
export interface AcceptedJob {
  jobId: string;
  items: number;
  /** The app process that printed it. */
  run: number;
}

/** Outcomes that end an item, per source; `queued` and pending (null) are not final. */
export const FINAL_OUTCOMES: Record<ItemRow['source'], readonly string[]> = {
  removal: ['removed', 'already-absent', 'failed', 'cancelled', 'unconfirmed'],
  aliyun: ['removed', 'already-absent', 'failed', 'cancelled'],
  push: ['done', 'failed', 'cancelled'],
};

/** Job states after which nothing more happens. */
export const FINAL_JOB_STATES: readonly string[] = ['done', 'failed', 'cancelled'];

/**
 * Invariant 1: every item of every job has exactly one final outcome (state `final` and an outcome of its
 * source's closed set), and no job is left running, paused or planned.
 */
export function checkFinalOutcomes(items: readonly ItemRow[], jobs: readonly JobRow[]): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = `${item.source}:${item.id}`;
    if (seen.has(key)) violations.push({ invariant: 'final-outcome', detail: `${key} is listed twice` });
    seen.add(key);
    const final = item.outcome !== null && FINAL_OUTCOMES[item.source].includes(item.outcome);
    if (item.state !== 'final' || !final) {
      violations.push({
        invariant: 'final-outcome',
        detail: `${key} of job ${item.jobId} ended ${item.state}/${item.outcome ?? 'no outcome'}, not a final outcome`,
      });
    }
  }
  for (const job of jobs) {
    if (!FINAL_JOB_STATES.includes(job.state)) {
      violations.push({ invariant: 'final-outcome', detail: `job ${job.id} (${job.kind}) was left ${job.state}` });
    }
  }
  return violations;
}

/**
 * Invariant 3: nothing queued was lost. Every job the app said it accepted is in the journal with as many items
 * as it announced; every job whose removal list the conductor wrote (its label is that file) holds one item per
 * row and target; no item belongs to a job the journal does not hold.
 */
export function checkNothingLost(
  accepted: readonly AcceptedJob[],
  expectedByLabel: ReadonlyMap<string, number>,
  jobs: readonly JobRow[],
  items: readonly ItemRow[],
): Violation[] {
  const violations: Violation[] = [];
  const byId = new Map(jobs.map((j) => [j.id, j]));
  for (const a of accepted) {
    const job = byId.get(a.jobId);
    if (!job) {
      violations.push({
        invariant: 'nothing-lost',
        detail: `job ${a.jobId} (accepted by app process ${a.run}) is not in the journal`,
      });
    } else if (job.items !== a.items) {
      violations.push({
        invariant: 'nothing-lost',
        detail: `job ${a.jobId} announced ${a.items} items, the journal holds ${job.items}`,
      });
    }
  }
  for (const job of jobs) {
    const expected = job.label === null ? undefined : expectedByLabel.get(job.label);
    if (expected !== undefined && job.items !== expected) {
      violations.push({
        invariant: 'nothing-lost',
        detail: `job ${job.id} for ${job.label} holds ${job.items} items, ${expected} were asked for`,
      });
    }
  }
  for (const item of items) {
    if (!byId.has(item.jobId)) {
      violations.push({ invariant: 'nothing-lost', detail: `${item.source}:${item.id} belongs to no job` });
    }
  }
  return violations;
}

/** Invariant 4: `PRAGMA integrity_check` answers the single row "ok". */
export function checkIntegrity(rows: readonly string[]): Violation[] {
  if (rows.length === 1 && rows[0] === 'ok') return [];
  return [{ invariant: 'integrity', detail: `PRAGMA integrity_check: ${rows.slice(0, 5).join('; ') || '(nothing)'}` }];
}
