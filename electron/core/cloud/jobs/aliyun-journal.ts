import type { AliyunScopeType, AliyunUserType } from '../../../../shared/domain/cloud.ts';
import type { Evidence } from '../../../../shared/domain/removal.ts';
import type { Database } from '../../db/database.ts';
import { createAliyunReads } from './aliyun-read.ts';
import type { JobTable } from '../../jobs/job-table.ts';

/** What an Alibaba removal job was asked to do (stored as the job's options). */
export interface AliyunJobOptions {
  userType: AliyunUserType;
  scopeType: AliyunScopeType;
}

/** One (user, scope) pair as the engine works on it. */
export interface AliyunWorkItem {
  id: number;
  scopeId: string;
  userId: string;
  attempts: number;
}

/** One delete request, recorded 'sending' with its items before it goes out. */
export interface AliyunBatch {
  id: number;
  scopeId: string;
  items: AliyunWorkItem[];
}

/** The recorded outcome of one item. */
export interface AliyunRecord {
  itemId: number;
  outcome: 'removed' | 'already-absent' | 'failed' | 'cancelled';
  rawCode: string | null;
  reason: string | null;
  /** What decided the outcome (the platform's answer for exactly these users on this scope, ...); null: none. */
  evidence?: Evidence | null;
}

const WORK = 'id, scope_id AS scopeId, user_id AS userId, attempts';

/**
 * The write-ahead journal of Alibaba face-permission removals (migration 4): one item per (user, scope), a batch
 * per delete request recorded 'sending' (items claimed, attempts + 1) in one transaction BEFORE the request goes
 * out, and the answer (every item and the batch) in one transaction. A batch whose answer is unknown is simply
 * sent again: the delete is idempotent (an absent face answers 3000, already absent).
 */
export type AliyunJournal = ReturnType<typeof createAliyunJournal>;

/** Creates the {@link AliyunJournal}. */
export function createAliyunJournal(db: Database, rows: JobTable, now: () => number) {
  const sql = db.sqlite;
  const insertItem = sql.prepare(`INSERT OR IGNORE INTO aliyun_items (job_id, seq, scope_id, user_id, state, outcome,
    raw_code, reason, retryable, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const finishItem = sql.prepare(`UPDATE aliyun_items SET state = 'final', outcome = ?, raw_code = ?, reason = ?,
    updated_at = ?, evidence = ? WHERE id = ? AND state = 'sending'`);
  const setBatch = sql.prepare('UPDATE aliyun_batches SET state = ?, error = ?, updated_at = ? WHERE id = ?');

  return {
    /** Writes the job and one item per (user, scope) in one transaction; blank ids are failed at once. */
    createJob(jobId: string, options: AliyunJobOptions, label: string | null, userIds: string[], scopeIds: string[]) {
      const at = now();
      let items = 0;
      let failed = 0;
      db.transaction(() => {
        rows.insert(jobId, 'aliyun-removal', options, label);
        let seq = 0;
        for (const scopeId of scopeIds) {
          for (const userId of userIds) {
            const blank = scopeId.trim() === '' ? 'device or space id' : userId.trim() === '' ? 'user id' : null;
            const reason = blank ? `The ${blank} is empty. Fix the list; this pair was not sent.` : null;
            const inserted = insertItem.run(
              jobId,
              seq++,
              scopeId.trim(),
              userId.trim(),
              blank ? 'final' : 'pending',
              blank ? 'failed' : null,
              blank ? 'plan:no-id' : null,
              reason,
              blank ? 0 : 1,
              at,
            ).changes;
            items += Number(inserted);
            if (blank && inserted) failed += 1;
          }
        }
      });
      return { items, failed };
    },

    /** Scopes of the job with unfinished items, in plan order. */
    scopesWithWork(jobId: string): string[] {
      const list = sql
        .prepare(
          `SELECT scope_id AS s, MIN(seq) AS first FROM aliyun_items WHERE job_id = ? AND state != 'final'
          GROUP BY scope_id ORDER BY first`,
        )
        .all(jobId) as { s: string }[];
      return list.map((r) => r.s);
    },

    /** Whether the job has unfinished items. */
    hasWork(jobId: string): boolean {
      return (
        sql.prepare(`SELECT 1 AS x FROM aliyun_items WHERE job_id = ? AND state != 'final' LIMIT 1`).get(jobId) !==
        undefined
      );
    },

    /** Claims the next `size` pending items of a scope as one batch 'sending' (attempts + 1), in one transaction. */
    claimBatch(jobId: string, scopeId: string, size: number): AliyunBatch | null {
      return db.transaction(() => {
        const items = sql
          .prepare(
            `SELECT ${WORK} FROM aliyun_items WHERE job_id = ? AND scope_id = ? AND state = 'pending'
            ORDER BY seq LIMIT ?`,
          )
          .all(jobId, scopeId, size) as unknown as AliyunWorkItem[];
        if (items.length === 0) return null;
        const at = now();
        const batchId = Number(
          sql
            .prepare(
              `INSERT INTO aliyun_batches (job_id, scope_id, state, user_ids, created_at, updated_at)
              VALUES (?, ?, 'sending', ?, ?, ?)`,
            )
            .run(jobId, scopeId, JSON.stringify(items.map((i) => i.userId)), at, at).lastInsertRowid,
        );
        const claim = sql.prepare(`UPDATE aliyun_items SET state = 'sending', outcome = NULL, batch_id = ?,
          attempts = attempts + 1, updated_at = ? WHERE id = ?`);
        for (const item of items) claim.run(batchId, at, item.id);
        return { id: batchId, scopeId, items: items.map((i) => ({ ...i, attempts: i.attempts + 1 })) };
      });
    },

    /** Records the answer: the items settled (others stay 'sending' for {@link release}) and the batch, at once. */
    acknowledge(batchId: number, records: readonly AliyunRecord[]): void {
      const at = now();
      db.transaction(() => {
        for (const r of records) finishItem.run(r.outcome, r.rawCode, r.reason, at, r.evidence ?? null, r.itemId);
        setBatch.run('acknowledged', null, at, batchId);
      });
    },

    /**
     * Puts a batch's unsettled items back to pending (the request did nothing, or its answer is unknown: sending
     * again is harmless); those that used `maxAttempts` sends are failed with `reason`. `counted` false gives the
     * attempt back (the request never left). Answers how many were failed.
     */
    release(batch: AliyunBatch, rawCode: string | null, reason: string, maxAttempts: number, counted = true): number {
      const at = now();
      return db.transaction(() => {
        setBatch.run('failed', reason, at, batch.id);
        if (!counted) {
          sql
            .prepare(`UPDATE aliyun_items SET attempts = MAX(0, attempts - 1) WHERE batch_id = ? AND state = 'sending'`)
            .run(batch.id);
        }
        const failed = sql
          .prepare(
            `UPDATE aliyun_items SET state = 'final', outcome = 'failed', raw_code = ?, reason = ?, updated_at = ?
            WHERE batch_id = ? AND state = 'sending' AND attempts >= ?`,
          )
          .run(rawCode, reason, at, batch.id, maxAttempts).changes;
        sql
          .prepare(
            `UPDATE aliyun_items SET state = 'pending', raw_code = ?, reason = ?, updated_at = ? WHERE batch_id = ?
            AND state = 'sending'`,
          )
          .run(rawCode, reason, at, batch.id);
        return Number(failed);
      });
    },

    /** Batches of a job left 'sending' by a crash, or 'unknown', with their unsettled items. */
    openBatches(jobId: string): AliyunBatch[] {
      const list = sql
        .prepare(
          `SELECT id, scope_id AS scopeId FROM aliyun_batches WHERE job_id = ? AND state IN ('sending', 'unknown')
          ORDER BY id`,
        )
        .all(jobId) as { id: number; scopeId: string }[];
      return list.map((b) => ({
        ...b,
        items: sql
          .prepare(`SELECT ${WORK} FROM aliyun_items WHERE batch_id = ? AND state = 'sending'`)
          .all(b.id) as unknown as AliyunWorkItem[],
      }));
    },

    /** Records that a request got no answer: its items stay 'sending' until sent again. */
    markUnknown(batchId: number, reason: string): void {
      setBatch.run('unknown', reason, now(), batchId);
    },

    /** Fails the unfinished items of a scope (or of the whole job) with one reason. */
    failRemaining(jobId: string, scopeId: string | null, rawCode: string | null, reason: string, retryable = true) {
      const scope = scopeId === null ? '' : ' AND scope_id = ?';
      const params = scopeId === null ? [jobId] : [jobId, scopeId];
      sql
        .prepare(
          `UPDATE aliyun_items SET state = 'final', outcome = 'failed', raw_code = ?, reason = ?, retryable = ?,
          updated_at = ? WHERE job_id = ?${scope} AND state != 'final'`,
        )
        .run(rawCode, reason, retryable ? 1 : 0, now(), ...params);
    },

    /**
     * Marks the job's unfinished items queued (the cloud does not answer), or clears the mark. The first time
     * an item is queued stamps `queued_at` (migration 6); later passes and retries never change it.
     */
    setQueued(jobId: string, queued: boolean): void {
      sql
        .prepare(
          `UPDATE aliyun_items SET outcome = ?, queued_at = COALESCE(queued_at, ?) WHERE job_id = ? AND state != 'final'`,
        )
        .run(queued ? 'queued' : null, queued ? now() : null, jobId);
    },

    /** Cancels every unfinished item; those whose request's answer was unknown say so. */
    cancelRemaining(jobId: string): void {
      const at = now();
      db.transaction(() => {
        sql
          .prepare(
            `UPDATE aliyun_items SET state = 'final', outcome = 'cancelled', raw_code = CASE WHEN state = 'sending'
            THEN 'unconfirmed' ELSE NULL END, reason = CASE WHEN state = 'sending' THEN
            'Cancelled before Alibaba Cloud confirmed this removal: the last request may have removed it. Sending it again is harmless.'
            ELSE NULL END, updated_at = ? WHERE job_id = ? AND state != 'final'`,
          )
          .run(at, jobId);
        sql
          .prepare(
            `UPDATE aliyun_batches SET state = 'failed', updated_at = ? WHERE job_id = ? AND state IN ('sending', 'unknown')`,
          )
          .run(at, jobId);
      });
    },

    /** Puts the failed items back to pending with fresh attempts (not those failed at plan time). */
    retryFailed(jobId: string): number {
      return Number(
        sql
          .prepare(
            `UPDATE aliyun_items SET state = 'pending', outcome = NULL, raw_code = NULL, reason = NULL, attempts = 0,
            updated_at = ? WHERE job_id = ? AND outcome = 'failed' AND retryable = 1`,
          )
          .run(now(), jobId).changes,
      );
    },

    ...createAliyunReads(db),
  };
}
