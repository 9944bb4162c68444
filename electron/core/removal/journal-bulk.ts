import type { Database } from '../db/database.ts';
import type { BatchFailure, WorkItem } from './journal.ts';

/** The columns of a {@link WorkItem}. */
export const WORK_COLUMNS = `id, seq, terminal, terminal_kind AS terminalKind, id_kind AS idKind, native_id AS nativeId,
  face_id AS faceId, attempts`;

/** Raw code of an item cancelled while the answer to its request was unknown. */
export const UNCONFIRMED = 'unconfirmed';

/**
 * Changes of many items at once in the removal journal: a terminal's items queued, failed or back to work,
 * a job's remaining items cancelled, failed items retried, verification results. Part of the journal.
 */
export function createBulkOps(db: Database, now: () => number) {
  const sql = db.sqlite;
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

    /**
     * Fails every unfinished item of a terminal with one reason (credentials refused, terminal gone, its list
     * unreadable). With `onlyUnknown`, only the items whose request's answer is unknown.
     */
    failTerminal(jobId: string, terminal: string, failure: BatchFailure, onlyUnknown = false): number {
      const at = now();
      const states = onlyUnknown ? `('sending')` : `('pending', 'sending')`;
      return db.transaction(() => {
        const changed = sql
          .prepare(
            `UPDATE job_items SET state = 'final', outcome = 'failed', raw_code = ?, reason = ?, updated_at = ?
            WHERE job_id = ? AND terminal = ? AND state != 'final' AND state IN ${states}`,
          )
          .run(failure.rawCode, failure.reason, at, jobId, terminal).changes;
        sql
          .prepare(
            `UPDATE job_batches SET state = 'reconciled', updated_at = ? WHERE job_id = ? AND terminal = ?
            AND state IN ('sending', 'unknown')`,
          )
          .run(at, jobId, terminal);
        return Number(changed);
      });
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

    /** Puts the job's failed items (except those failed at plan time) back to pending with fresh attempts. */
    retryFailed(jobId: string): number {
      return Number(
        sql
          .prepare(
            `UPDATE job_items SET state = 'pending', outcome = NULL, raw_code = NULL, reason = NULL, attempts = 0,
            verified = NULL, updated_at = ? WHERE job_id = ? AND state = 'final' AND outcome = 'failed'
            AND retryable = 1`,
          )
          .run(now(), jobId).changes,
      );
    },

    /** A terminal's removed items not verified yet. */
    unverified(jobId: string, terminal: string): WorkItem[] {
      return sql
        .prepare(
          `SELECT ${WORK_COLUMNS} FROM job_items WHERE job_id = ? AND terminal = ? AND outcome = 'removed'
          AND verified IS NULL ORDER BY seq`,
        )
        .all(jobId, terminal) as unknown as WorkItem[];
    },

    /**
     * Records verification: absent items are confirmed; present ones become failed "still present" (only
     * final ones: an item is final exactly when its outcome is a final one, which the counts rely on).
     */
    recordVerification(confirmed: readonly number[], stillPresent: readonly number[]): void {
      const at = now();
      const ok = sql.prepare(
        'UPDATE job_items SET verified = 1, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))',
      );
      const bad = sql.prepare(`UPDATE job_items SET verified = 0, outcome = 'failed', raw_code = 'verify:present',
        reason = 'Still present after removal: the terminal answered that it removed this item, but still lists it.',
        updated_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND state = 'final'`);
      db.transaction(() => {
        if (confirmed.length > 0) ok.run(at, JSON.stringify(confirmed));
        if (stillPresent.length > 0) bad.run(at, JSON.stringify(stillPresent));
      });
    },
  };
}
