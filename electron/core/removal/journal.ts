import type { JobState } from '../../../shared/domain/job.ts';
import type { Database } from '../db/database.ts';
import { createBulkOps } from './journal-bulk.ts';
import { createSyncJournal } from './journal-sync.ts';
import { createPlanJournal, type FedPlan } from './journal-plan.ts';
import {
  RECHECK_ABSENT,
  RECHECK_PRESENT,
  WORK_COLUMNS,
  type Batch,
  type BatchFailure,
  type ItemRecord,
  type JobOptions,
  type WorkItem,
} from './journal-types.ts';
import type { Evidence } from '../../../shared/domain/removal.ts';
import { forgettingCounts, liveCountsFor, onFailure } from './live-counts.ts';
import type { PlannedItem } from './plan-ids.ts';

/** Item ids of an answer grouped by what is recorded for them (outcome, raw code, reason, evidence), in answer order. */
function groupRecords(records: readonly ItemRecord[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const r of records) {
    const key = JSON.stringify([
      r.outcome,
      r.rawCode,
      r.reason,
      r.evidence ?? null,
      r.permanent === true,
      r.notDeleted === true,
    ]);
    const ids = groups.get(key);
    if (ids) ids.push(r.itemId);
    else groups.set(key, [r.itemId]);
  }
  return groups;
}

/**
 * The write-ahead journal of bulk removal, in the local SQLite database (WAL). Every item is written when the
 * job is planned; a batch is recorded 'sending' (with its items) in a transaction BEFORE its request goes
 * out, and its answer is recorded, every item and the batch together, in ONE transaction. See README.md.
 */
export type Journal = ReturnType<typeof createJournal>;

/** Creates the {@link Journal} over an open database (migration 3). */
export function createJournal(db: Database) {
  const sql = db.sqlite;
  // The journal records requests sent to physical devices: a committed record must survive a power cut.
  sql.exec('PRAGMA synchronous = FULL');
  const insertJob = sql.prepare(
    `INSERT INTO jobs (id, kind, state, options, label, created_at, updated_at) VALUES (?, 'remove', 'running', ?, ?, ?, ?)`,
  );
  const updateState = sql.prepare('UPDATE jobs SET state = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?');
  // One request carries one kind of id: the kind of the first pending item, then the next of that kind.
  // `state != 'final'` is the condition of the partial index job_items_open (migration 8): named literally
  // so SQLite uses it (it does not infer it from `state = 'pending'`).
  const pendingItems = sql.prepare(`SELECT ${WORK_COLUMNS}, outcome FROM job_items
    WHERE job_id = ?1 AND terminal = ?2 AND state != 'final' AND state = 'pending' AND id_kind = (
      SELECT id_kind FROM job_items WHERE job_id = ?1 AND terminal = ?2 AND state != 'final' AND state = 'pending'
      ORDER BY seq LIMIT 1)
    ORDER BY seq LIMIT ?3`);
  const insertBatch = sql.prepare(`INSERT INTO job_batches (job_id, terminal, state, ids, created_at, updated_at)
    VALUES (?, ?, 'sending', ?, ?, ?)`);
  // The items a claim took are exactly the pending items of that kind up to the last one's seq (they were the
  // first ones in plan order): one statement claims them all. It does not SET outcome, so the count index
  // (job_id, terminal, outcome, verified) is not touched; a queued mark left on one is cleared after.
  const claimItems = sql.prepare(`UPDATE job_items SET state = 'sending', batch_id = ?1, attempts = attempts + 1,
    updated_at = ?2 WHERE job_id = ?3 AND terminal = ?4 AND state != 'final' AND state = 'pending' AND id_kind = ?5
    AND seq <= ?6`);
  const clearMarks = sql.prepare(`UPDATE job_items SET outcome = NULL WHERE batch_id = ? AND state = 'sending'
    AND outcome IS NOT NULL`);
  const setBatch = sql.prepare('UPDATE job_batches SET state = ?, error = ?, updated_at = ? WHERE id = ?');
  // An unconfirmed item keeps the terminal's words; `item-error` marks "the terminal said it did not delete it".
  const noteUnconfirmed = sql.prepare(`UPDATE job_items SET raw_code = ?1, reason = ?2,
    evidence = CASE WHEN ?3 THEN 'item-error' ELSE NULL END, updated_at = ?4
    WHERE id IN (SELECT value FROM json_each(?5)) AND state = 'sending'`);
  // A complete read found these absent after their request: removed by it, or already absent when the
  // terminal's own answer said it did not delete them (evidence read-back either way).
  const settleAbsent = sql.prepare(`UPDATE job_items SET state = 'final',
    outcome = CASE WHEN evidence = 'item-error' THEN 'already-absent' ELSE 'removed' END, raw_code = ?1,
    reason = NULL, evidence = 'read-back', verified = 1, updated_at = ?2, synced_at = ?2
    WHERE id IN (SELECT value FROM json_each(?3)) AND state = 'sending'`);
  const answeredUnconfirmed = sql.prepare(`UPDATE job_batches SET state = 'unknown', error = ?1, updated_at = ?2,
    answered_at = ?2 WHERE id = ?3`);
  // A settled batch keeps the reason it was not acknowledged (why its request got no answer).
  const settleBatch = sql.prepare(`UPDATE job_batches SET state = 'reconciled', updated_at = ? WHERE id = ?`);
  // Answers set synced_at themselves (the synced_at trigger then skips the row: one write per item, not two).
  // A read-back is itself the verification of what it found absent (verified = 1).
  const finishItems = sql.prepare(`UPDATE job_items SET state = 'final', outcome = ?1, raw_code = ?2, reason = ?3,
    updated_at = ?4, synced_at = CASE WHEN ?1 IN ('removed', 'already-absent') THEN ?4 ELSE synced_at END,
    evidence = ?6, retryable = CASE WHEN ?7 THEN 0 ELSE retryable END,
    verified = CASE WHEN ?6 = 'read-back' AND ?1 = 'removed' THEN 1 ELSE verified END
    WHERE id IN (SELECT value FROM json_each(?5)) AND state = 'sending'`);
  const retryItems = sql.prepare(`UPDATE job_items SET state = 'pending', outcome = NULL, raw_code = ?, reason = ?,
    updated_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND state = 'sending' AND attempts < ?`);
  const batchItems = sql.prepare(`SELECT ${WORK_COLUMNS} FROM job_items WHERE batch_id = ? AND state = 'sending'
    ORDER BY seq`);
  const requeue = sql.prepare(`UPDATE job_items SET state = 'pending', outcome = NULL, evidence = NULL, updated_at = ?
    WHERE batch_id = ? AND state = 'sending'`);
  const uncount = sql.prepare(`UPDATE job_items SET attempts = MAX(0, attempts - 1) WHERE batch_id = ?
    AND state = 'sending'`);
  const exhaust = sql.prepare(`UPDATE job_items SET state = 'final', outcome = 'failed', raw_code = ?, reason = ?,
    updated_at = ?, evidence = ? WHERE job_id = ? AND terminal = ? AND state != 'final' AND state = 'pending'
    AND attempts >= ?`);
  const openBatches = sql.prepare(`SELECT id, terminal, created_at AS createdAt, answered_at AS answeredAt
    FROM job_batches WHERE job_id = ? AND terminal = ? AND state IN ('sending', 'unknown') ORDER BY id`);

  const batchOwner = sql.prepare('SELECT job_id AS jobId, terminal FROM job_batches WHERE id = ?');
  // Items in flight that carry a queued mark (a terminal queued while its batch's answer was unknown): an
  // answer then moves them from 'queued', not 'pending', and the counts are read again instead.
  const markedInFlight = sql.prepare(`SELECT 1 AS x FROM job_items WHERE batch_id = ? AND state = 'sending'
    AND outcome IS NOT NULL LIMIT 1`);
  // The counts progress and the sync queue read (live-counts.ts): moved by claims and answers, forgotten by
  // every other write of the journal.
  const live = liveCountsFor(sql);

  const now = (): number => Date.now();
  const plans = createPlanJournal(db, now);
  const setState = (jobId: string, state: JobState, error: string | null = null): void => {
    const at = now();
    const final = state === 'done' || state === 'cancelled' || state === 'failed';
    live.check();
    updateState.run(state, error, at, final ? at : null, jobId);
    live.settled();
  };

  return {
    // recordVerification keeps the counts itself (it moves none unless an item is found present).
    ...forgettingCounts(live, createBulkOps(db, now), [
      'hasUnverified',
      'unverifiedAmong',
      'pendingOfKinds',
      'recordVerification',
    ]),
    ...forgettingCounts(live, createSyncJournal(db), ['queuedPending', 'runningJobsWithWork']),
    appendRounds: plans.appendRounds,
    incompletePlan: plans.incompletePlan,
    planBeingJournaled: plans.planBeingJournaled,

    /** Writes a job and every planned item in one transaction (items failed at plan time are final at once). */
    /**
     * Journals a new job and its items in one transaction: every item, or (with `rest`) the first round of a plan
     * whose other rounds are journaled while it runs (see plan-feed.ts; `rest` regenerates them after a crash).
     */
    createJob(
      jobId: string,
      options: JobOptions,
      label: string | null,
      items: Iterable<PlannedItem>,
      rest?: { plan: FedPlan; nextRound: number },
    ): void {
      const at = now();
      db.transaction(() => {
        insertJob.run(jobId, JSON.stringify(options), label, at, at);
        plans.writeItems(jobId, items);
        if (rest) plans.savePlan(jobId, rest.plan, rest.nextRound);
      });
      live.forget();
    },

    setState,

    /** Serials of the job's terminals that still have items to send or to confirm. */
    terminalsWithWork(jobId: string): string[] {
      const rows = sql
        .prepare(`SELECT DISTINCT terminal FROM job_items WHERE job_id = ? AND state != 'final' ORDER BY terminal`)
        .all(jobId) as { terminal: string }[];
      return rows.map((r) => r.terminal);
    },

    /** Whether the job (or one of its terminals) has items that are not final. */
    hasWork(jobId: string, terminal?: string): boolean {
      const row = (
        terminal === undefined
          ? sql.prepare(`SELECT 1 AS x FROM job_items WHERE job_id = ? AND state != 'final' LIMIT 1`).get(jobId)
          : sql
              .prepare(`SELECT 1 AS x FROM job_items WHERE job_id = ? AND terminal = ? AND state != 'final' LIMIT 1`)
              .get(jobId, terminal)
      ) as { x: number } | undefined;
      return row !== undefined;
    },

    /**
     * Takes the next `size` pending items of a terminal, in plan order, and records them as one batch in state
     * 'sending' (attempts + 1) in one transaction. Null when nothing is pending.
     */
    claimBatch(jobId: string, terminal: string, size: number): Batch | null {
      return db.transaction(() => {
        live.check();
        const rows = pendingItems.all(jobId, terminal, size) as unknown as (WorkItem & { outcome: string | null })[];
        if (rows.length === 0) return null;
        const marked = rows.some((row) => row.outcome !== null);
        // One copy of each item (the row without its mark, counting this send): a batch's items are most of
        // what a running job allocates.
        const items = rows.map(({ outcome: _mark, ...item }): WorkItem => {
          item.attempts += 1;
          return item;
        });
        const at = now();
        const ids = JSON.stringify(items.map((i) => (i.faceId ? `${i.nativeId}/${i.faceId}` : i.nativeId)));
        const batchId = Number(insertBatch.run(jobId, terminal, ids, at, at).lastInsertRowid);
        const last = items[items.length - 1] as WorkItem;
        const claimed = Number(claimItems.run(batchId, at, jobId, terminal, last.idKind, last.seq).changes);
        if (claimed !== items.length) throw new Error(`Claimed ${claimed} items for a batch of ${items.length}.`);
        // Pending and sending count alike: a claim moves no count, unless it cleared a queued mark.
        if (marked) {
          clearMarks.run(batchId);
          live.forget();
        } else live.settled();
        return { id: batchId, terminal, createdAt: at, items };
      });
    },

    /**
     * Records the terminal's answer: every item outcome and the batch 'acknowledged', in ONE transaction. An
     * item the terminal reports as failed goes back to pending while it has used fewer than `retryBelow` sends
     * (the terminal did not remove it, so sending it again is safe); 0 makes every failure final, and a
     * permanent failure is never retried. Items the answer says nothing about (`unconfirmed`) stay 'sending'
     * and the batch stays open ('unknown', answered): a read of the terminal settles them, never a blind resend.
     */
    acknowledge(batchId: number, records: readonly ItemRecord[], retryBelow = 0): void {
      const at = now();
      const unconfirmed = records.filter((r) => r.outcome === 'unconfirmed').length;
      // A failed commit undoes what the counts already followed.
      onFailure(live, () =>
        db.transaction(() => {
          live.check();
          const owner = markedInFlight.get(batchId)
            ? undefined
            : (batchOwner.get(batchId) as { jobId: string; terminal: string } | undefined);
          // A few statements per answer: one per distinct (outcome, raw code, reason), the failed ones first
          // offered to retry (those that cannot be retried are then still 'sending' and become final).
          for (const [key, ids] of groupRecords(records)) {
            const [outcome, rawCode, reason, evidence, permanent, notDeleted] = JSON.parse(key) as [
              ItemRecord['outcome'],
              string | null,
              string | null,
              Evidence | null,
              boolean,
              boolean,
            ];
            const list = JSON.stringify(ids);
            if (outcome === 'unconfirmed') {
              // Still 'sending': a read settles it. What the terminal said is kept for that read (not-deleted).
              noteUnconfirmed.run(rawCode, reason, notDeleted ? 1 : 0, at, list);
              continue;
            }
            if (outcome === 'failed' && retryBelow > 0 && !permanent)
              retryItems.run(rawCode, reason, at, list, retryBelow);
            const finished = Number(
              finishItems.run(outcome, rawCode, reason, at, list, evidence, permanent ? 1 : 0).changes,
            );
            if (owner) live.move(owner.jobId, owner.terminal, 'pending', outcome, finished);
          }
          if (unconfirmed > 0) {
            answeredUnconfirmed.run(`Answered without a per-item result for ${unconfirmed} item(s).`, at, batchId);
          } else setBatch.run('acknowledged', null, at, batchId);
          // Items that carried a queued mark moved from 'queued', which the counts were not told: read them again.
          if (owner) live.settled();
          else live.forget();
        }),
      );
    },

    /**
     * Records a request the terminal refused as a whole (nothing was done): its items go back to pending, and
     * those that used `maxAttempts` sends are failed with the refusal's reason. Returns how many were failed.
     */
    releaseBatch(jobId: string, batch: Batch, failure: BatchFailure, maxAttempts: number, counted = true): number {
      const at = now();
      return db.transaction(() => {
        setBatch.run('failed', failure.reason, at, batch.id);
        if (!counted) uncount.run(batch.id);
        requeue.run(at, batch.id);
        const failed = Number(
          exhaust.run(failure.rawCode, failure.reason, at, null, jobId, batch.terminal, maxAttempts).changes,
        );
        live.forget();
        return failed;
      });
    },

    /** Records that a request got no answer (time-out, dropped): its items stay 'sending' until re-checked. */
    markUnknown(batchId: number, reason: string): void {
      live.check();
      setBatch.run('unknown', reason, now(), batchId);
      live.settled();
    },

    /** Batches of a terminal whose answer is unknown ('sending' after a crash, or 'unknown'), with their items. */
    openBatches(jobId: string, terminal: string): Batch[] {
      const rows = openBatches.all(jobId, terminal) as unknown as Omit<Batch, 'items'>[];
      return rows
        .map((row) => ({ ...row, items: batchItems.all(row.id) as unknown as WorkItem[] }))
        .filter((batch) => batch.items.length > 0);
    },

    /**
     * Settles batches whose answer is unknown or said nothing about some items, from a COMPLETE read of the
     * terminal: items in `absent` are removed (evidence `read-back`, {@link RECHECK_ABSENT}), or already absent
     * when the terminal's own answer said it did not delete them (`notDeleted`); the others are
     * still on the terminal, so they go back to pending (failed with that evidence once they used `maxAttempts`).
     */
    reconcile(jobId: string, batches: readonly Batch[], absent: ReadonlySet<number>, maxAttempts: number): number {
      const at = now();
      let removed = 0;
      db.transaction(() => {
        for (const batch of batches) {
          const gone = batch.items.filter((item) => absent.has(item.id)).map((item) => item.id);
          if (gone.length > 0) removed += Number(settleAbsent.run(RECHECK_ABSENT, at, JSON.stringify(gone)).changes);
          requeue.run(at, batch.id);
          settleBatch.run(at, batch.id);
        }
        const reason = 'The terminal did not remove this item: a complete read after the delete still lists it.';
        for (const terminal of new Set(batches.map((b) => b.terminal))) {
          exhaust.run(RECHECK_PRESENT, reason, at, 'read-back', jobId, terminal, maxAttempts);
        }
        live.forget();
      });
      return removed;
    },
  };
}
