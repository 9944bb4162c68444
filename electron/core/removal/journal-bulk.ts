import type { Database } from '../db/database.ts';
import { WORK_COLUMNS, type BatchFailure, type WorkItem } from './journal-types.ts';
import { reopenUnconfirmed } from './journal-reopen.ts';
import { liveCountsFor } from './live-counts.ts';

/** Raw code of an item found absent by a complete read before anything was sent for it. */
export const READ_ABSENT = 'read:absent';

/** Raw code of an item cancelled while the answer to its request was unknown. */
export const UNCONFIRMED = 'unconfirmed';

/**
 * Changes of many items at once in the removal journal: a terminal's items queued, failed or back to work,
 * a job's remaining items cancelled, failed items retried, verification results. Part of the journal.
 */
export function createBulkOps(db: Database, now: () => number) {
  const sql = db.sqlite;
  /**
   * Ends a terminal's unfinished items in `states` with one outcome and reason, and closes its open batches,
   * in one transaction. Answers how many items changed.
   */
  const endTerminalItems = (
    jobId: string,
    terminal: string,
    outcome: 'failed' | 'unconfirmed',
    states: `('pending', 'sending')` | `('sending')`,
    failure: BatchFailure,
  ): number => {
    const at = now();
    return db.transaction(() => {
      const changed = sql
        .prepare(
          `UPDATE job_items SET state = 'final', outcome = ?, raw_code = ?, reason = ?, evidence = NULL, updated_at = ?
          WHERE job_id = ? AND terminal = ? AND state != 'final' AND state IN ${states}`,
        )
        .run(outcome, failure.rawCode, failure.reason, at, jobId, terminal).changes;
      sql
        .prepare(
          `UPDATE job_batches SET state = 'reconciled', updated_at = ? WHERE job_id = ? AND terminal = ?
          AND state IN ('sending', 'unknown')`,
        )
        .run(at, jobId, terminal);
      return Number(changed);
    });
  };
  return {
    /** Marks a terminal's unfinished items queued (the terminal is offline); they stay unfinished. */
    queueTerminal(jobId: string, terminal: string): number {
      return Number(
        sql
          .prepare(
            `UPDATE job_items SET outcome = 'queued', updated_at = ? WHERE job_id = ? AND terminal = ?
            AND state != 'final'`,
          )
          .run(now(), jobId, terminal).changes,
      );
    },

    /** Clears the queued mark of a terminal's items when it is worked on again. */
    unqueueTerminal(jobId: string, terminal: string): void {
      sql
        .prepare(
          `UPDATE job_items SET outcome = NULL WHERE job_id = ? AND terminal = ? AND state != 'final'
          AND outcome = 'queued'`,
        )
        .run(jobId, terminal);
    },

    /** Fails every unfinished item of a terminal with one reason (credentials refused, terminal gone). */
    failTerminal(jobId: string, terminal: string, failure: BatchFailure): number {
      return endTerminalItems(jobId, terminal, 'failed', `('pending', 'sending')`, failure);
    },

    /** Cancels every unfinished item; those whose request's answer is unknown say so. */
    cancelRemaining(jobId: string): number {
      const at = now();
      return db.transaction(() => {
        const pending = sql
          .prepare(
            `UPDATE job_items SET state = 'final', outcome = 'cancelled', raw_code = NULL, reason = NULL,
            updated_at = ? WHERE job_id = ? AND state != 'final' AND state = 'pending'`,
          )
          .run(at, jobId).changes;
        const unknown = sql
          .prepare(
            `UPDATE job_items SET state = 'final', outcome = 'cancelled', raw_code = ?, reason = ?,
            updated_at = ? WHERE job_id = ? AND state != 'final' AND state = 'sending'`,
          )
          .run(
            UNCONFIRMED,
            'Cancelled before the terminal confirmed this item: the last request may have removed it. Check the terminal.',
            at,
            jobId,
          ).changes;
        sql
          .prepare(
            `UPDATE job_batches SET state = 'reconciled', updated_at = ? WHERE job_id = ?
            AND state IN ('sending', 'unknown')`,
          )
          .run(at, jobId);
        return Number(pending) + Number(unknown);
      });
    },

    /**
     * Retry of a job's unsettled items: failed items (except permanent ones: failed at plan time, an id the
     * terminal can never take) go back to pending with fresh attempts; unconfirmed items are NOT resent blindly:
     * they go back into an open, answered batch per terminal, so the lane reads the terminal first and resends
     * only what it still holds. Answers how many items were put back.
     */
    retryFailed(jobId: string): number {
      const at = now();
      return db.transaction(() => {
        const failed = sql
          .prepare(
            `UPDATE job_items SET state = 'pending', outcome = NULL, raw_code = NULL, reason = NULL, attempts = 0,
            verified = NULL, evidence = NULL, updated_at = ? WHERE job_id = ? AND state = 'final' AND outcome = 'failed'
            AND retryable = 1`,
          )
          .run(at, jobId).changes;
        return Number(failed) + reopenUnconfirmed(sql, 'i.job_id = ?', [jobId], at);
      });
    },

    /** Whether a terminal has items decided without a read (removed, already absent) not verified yet. */
    hasUnverified(jobId: string, terminal: string): boolean {
      return (
        sql
          .prepare(
            `SELECT 1 AS x FROM job_items WHERE job_id = ? AND terminal = ? AND outcome IN ('removed', 'already-absent')
            AND verified IS NULL LIMIT 1`,
          )
          .get(jobId, terminal) !== undefined
      );
    },

    /**
     * A terminal's unverified items whose id is among `listedIds` (what its complete read still shows: link
     * ids in lower case): the only ones a verification can find present. Few after a removal, whatever the job's size.
     */
    unverifiedAmong(jobId: string, terminal: string, listedIds: readonly string[]): WorkItem[] {
      if (listedIds.length === 0) return [];
      // One pass over the terminal's unverified items, each id probed in the list (SQLite builds a temporary
      // index of it): link ids are journaled in lower case (plan-ids.ts), so equality is exact. Once per terminal
      // and job; the items carry no index of their ids (migration 17). INDEXED BY: left to itself, SQLite reads
      // the whole job in plan order to spare the sort (500,000 rows per terminal; 3.7 s on the removal bench).
      return sql
        .prepare(
          `SELECT ${WORK_COLUMNS} FROM job_items INDEXED BY job_items_counts WHERE job_id = ? AND terminal = ?
          AND outcome IN ('removed', 'already-absent') AND verified IS NULL
          AND native_id IN (SELECT value FROM json_each(?)) ORDER BY seq`,
        )
        .all(jobId, terminal, JSON.stringify(listedIds)) as unknown as WorkItem[];
    },

    /** A terminal's pending items whose id kind is one of `kinds` (those whose deletes answer nothing per item). */
    pendingOfKinds(jobId: string, terminal: string, kinds: readonly string[]): WorkItem[] {
      if (kinds.length === 0) return [];
      return sql
        .prepare(
          `SELECT ${WORK_COLUMNS} FROM job_items WHERE job_id = ? AND terminal = ? AND state != 'final'
          AND state = 'pending' AND id_kind IN (SELECT value FROM json_each(?)) ORDER BY seq`,
        )
        .all(jobId, terminal, JSON.stringify(kinds)) as unknown as WorkItem[];
    },

    /**
     * Records items a complete read BEFORE sending showed absent: already absent (evidence `read-before`),
     * never sent. Answers how many were recorded.
     */
    recordAbsentBeforeSending(jobId: string, terminal: string, itemIds: readonly number[]): number {
      if (itemIds.length === 0) return 0;
      const at = now();
      return Number(
        sql
          .prepare(
            `UPDATE job_items SET state = 'final', outcome = 'already-absent', raw_code = '${READ_ABSENT}',
            reason = NULL, evidence = 'read-before', verified = 1, updated_at = ?, synced_at = ?
            WHERE job_id = ? AND terminal = ? AND state != 'final' AND state = 'pending'
            AND id IN (SELECT value FROM json_each(?))`,
          )
          .run(at, at, jobId, terminal, JSON.stringify(itemIds)).changes,
      );
    },

    /**
     * Ends the terminal's items whose answer is still unsettled ('sending': no per-item answer and no read
     * could settle them) as `unconfirmed`: final, not done, retried by reading (see retryFailed).
     */
    settleUnconfirmed(jobId: string, terminal: string, failure: BatchFailure): number {
      return endTerminalItems(jobId, terminal, 'unconfirmed', `('sending')`, failure);
    },

    /**
     * Records a terminal's verification from its complete read: the items in `stillPresent` become failed
     * "still present" (evidence read-back); then at most `limit` other items of the terminal removed or already
     * absent and not verified yet are confirmed (every one without a limit; only final ones: an item is final
     * exactly when its outcome is a final one, which the counts rely on). Answers how many were confirmed: fewer
     * than `limit` means none is left. The same read may confirm the rest in later calls (with `stillPresent`
     * empty): each call only confirms what that complete read showed absent.
     */
    recordVerification(jobId: string, terminal: string, stillPresent: readonly number[], limit = -1): number {
      const at = now();
      const bad = sql.prepare(`UPDATE job_items SET verified = 0, outcome = 'failed', raw_code = 'verify:present',
        evidence = 'read-back', reason = CASE outcome
          WHEN 'already-absent' THEN 'Still present: the terminal answered that it did not hold this item, but a complete read lists it.'
          ELSE 'Still present after removal: the terminal answered that it removed this item, but a complete read lists it.' END,
        updated_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND state = 'final'`);
      // Through the counts index (the terminal's unverified items are one range of it), at most `limit` (-1: all).
      const ok = sql.prepare(`UPDATE job_items SET verified = 1 WHERE id IN (
        SELECT id FROM job_items INDEXED BY job_items_counts WHERE job_id = ? AND terminal = ?
        AND outcome IN ('removed', 'already-absent') AND verified IS NULL LIMIT ?)`);
      // Setting `verified` moves no live count: they are kept, unless items were found present (then recounted).
      const live = liveCountsFor(sql);
      live.check();
      const confirmed = db.transaction(() => {
        if (stillPresent.length > 0) bad.run(at, JSON.stringify(stillPresent));
        return Number(ok.run(jobId, terminal, limit).changes);
      });
      if (stillPresent.length > 0) live.forget();
      else live.settled();
      return confirmed;
    },
  };
}
