import type { OperationState } from '../../../shared/domain/sync.ts';
import type { Database } from '../db/database.ts';
import { reopenUnconfirmed } from './journal-reopen.ts';
import { WORK_COLUMNS, type WorkItem } from './journal-types.ts';

/** Prefix of removal operation ids in the sync queue (`removal:<item id>`). */
export const REMOVAL_SOURCE = 'removal';

/** Raw code of an item found already absent when its terminal was read before replaying queued work. */
export const DRIFT_ABSENT = 'drift:absent';

/** Raw code of an item the technician discarded from the sync queue. */
export const DISCARDED = 'sync:discarded';

/** Which items a sync action applies to: named item ids, or every item needing attention. */
export type ItemSelection = readonly number[] | 'all-needs-attention';

/** Who discards or retries, when, and why; written to `sync_actions` beside the change. */
export interface ItemAction {
  actor: string;
  at: number;
  note?: string;
}

/**
 * The SQL condition of each sync-queue state over `job_items i` (jobs' states through a sub-select):
 * queued = waiting for its terminal (offline) or for its job (paused, failed, planned); running = its job
 * runs and it is not finished; done = removed or already absent; needs-attention = failed or unconfirmed; discarded =
 * cancelled (by a job cancel or a sync discard).
 */
export const STATE_SQL: Readonly<Record<OperationState, string>> = {
  queued: `(i.state != 'final' AND (i.outcome = 'queued' OR i.job_id IN (SELECT id FROM jobs WHERE state != 'running')))`,
  running: `(i.state != 'final' AND i.outcome IS NULL AND i.job_id IN (SELECT id FROM jobs WHERE state = 'running'))`,
  done: `(i.state = 'final' AND i.outcome IN ('removed', 'already-absent'))`,
  'needs-attention': `(i.state = 'final' AND i.outcome IN ('failed', 'unconfirmed'))`,
  discarded: `(i.state = 'final' AND i.outcome = 'cancelled')`,
};

/** The sync-queue state of a row, in SQL (the same rules as {@link STATE_SQL}). */
export const STATE_CASE = `CASE
  WHEN i.state = 'final' AND i.outcome IN ('removed', 'already-absent') THEN 'done'
  WHEN i.state = 'final' AND i.outcome IN ('failed', 'unconfirmed') THEN 'needs-attention'
  WHEN i.state = 'final' THEN 'discarded'
  WHEN i.outcome = 'queued' OR j.state != 'running' THEN 'queued'
  ELSE 'running' END`;

/** Items that may be retried: failed and not permanently (plan time, an id the terminal can never take), or unconfirmed. */
const RETRYABLE = `i.state = 'final' AND ((i.outcome = 'failed' AND i.retryable = 1) OR i.outcome = 'unconfirmed')`;

/** Failed items a retry sends again. */
const RESENDABLE = `i.state = 'final' AND i.outcome = 'failed' AND i.retryable = 1`;

/** Items that may be discarded: queued (not being sent by a running lane) or needing attention. */
const DISCARDABLE = `(${STATE_SQL.queued} OR ${STATE_SQL['needs-attention']})`;

function selectionSql(selection: ItemSelection): { where: string; params: string[] } {
  return selection === 'all-needs-attention'
    ? { where: '1 = 1', params: [] }
    : { where: 'i.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(selection)] };
}

/**
 * The removal journal's side of the sync queue: per-item retry and discard (each in ONE transaction with its
 * history record), drift found before replaying queued work, and the queued items of a terminal.
 */
export function createSyncJournal(db: Database) {
  const sql = db.sqlite;

  /** Job ids of the selected items that match `condition`, and writes the history rows for them. */
  const recordActions = (
    condition: string,
    selection: ItemSelection,
    action: 'retry' | 'discard',
    info: ItemAction,
  ): string[] => {
    const { where, params } = selectionSql(selection);
    const from = `FROM job_items i WHERE ${where} AND ${condition}`;
    const jobs = sql.prepare(`SELECT DISTINCT i.job_id AS id ${from}`).all(...params) as { id: string }[];
    sql
      .prepare(
        `INSERT INTO sync_actions (op_id, action, actor, note, at)
        SELECT '${REMOVAL_SOURCE}:' || i.id, ?, ?, ?, ? ${from}`,
      )
      .run(action, info.actor, info.note ?? null, info.at, ...params);
    return jobs.map((j) => j.id);
  };

  return {
    /**
     * Puts failed items back to pending with fresh attempts (not permanent failures), and unconfirmed items
     * back into an open batch that the lane settles by reading the terminal first (never a blind resend),
     * recording who asked. Answers the jobs touched and how many items.
     */
    retryItems(selection: ItemSelection, info: ItemAction): { jobs: string[]; count: number } {
      return db.transaction(() => {
        const jobs = recordActions(RETRYABLE, selection, 'retry', info);
        const { where, params } = selectionSql(selection);
        const changed = sql
          .prepare(
            `UPDATE job_items AS i SET state = 'pending', outcome = NULL, raw_code = NULL, reason = NULL,
            evidence = NULL, attempts = 0, verified = NULL, updated_at = ? WHERE ${where} AND ${RESENDABLE}`,
          )
          .run(info.at, ...params).changes;
        return { jobs, count: Number(changed) + reopenUnconfirmed(sql, where, params, info.at) };
      });
    },

    /**
     * Discards queued or needs-attention items: final, outcome `cancelled`, raw code {@link DISCARDED}, a
     * reason naming who and when; the history row in the same transaction. An item whose last request's
     * answer is unknown says it may have been removed. Answers the jobs touched and how many items.
     */
    discardItems(selection: ItemSelection, info: ItemAction): { jobs: string[]; count: number } {
      const condition = selection === 'all-needs-attention' ? STATE_SQL['needs-attention'] : DISCARDABLE;
      return db.transaction(() => {
        const jobs = recordActions(condition, selection, 'discard', info);
        const { where, params } = selectionSql(selection);
        const when = new Date(info.at).toISOString();
        const reason = `Discarded from the sync queue by ${info.actor} at ${when}${info.note ? `: ${info.note}` : ''}. It will not be sent.`;
        const unsure = `${reason} The last request's answer was not known: it may have removed this item. Check the terminal.`;
        const changed = sql
          .prepare(
            `UPDATE job_items AS i SET state = 'final', outcome = 'cancelled', raw_code = ?,
            reason = CASE WHEN i.state = 'sending' THEN ? ELSE ? END, updated_at = ?
            WHERE ${where} AND ${condition}`,
          )
          .run(DISCARDED, unsure, reason, info.at, ...params).changes;
        return { jobs, count: Number(changed) };
      });
    },

    /** A terminal's items waiting, queued, with no request out (the ones a fresh read can settle). */
    queuedPending(jobId: string, terminal: string): WorkItem[] {
      return sql
        .prepare(
          `SELECT ${WORK_COLUMNS} FROM job_items WHERE job_id = ? AND terminal = ? AND state != 'final'
          AND state = 'pending' AND outcome = 'queued' ORDER BY seq`,
        )
        .all(jobId, terminal) as unknown as WorkItem[];
    },

    /**
     * Records drift: items queued for a terminal that its fresh read no longer lists (someone else removed them
     * while they waited). They become `already-absent` ({@link DRIFT_ABSENT}) and are never sent; a drift record
     * each, in ONE transaction. Answers how many.
     */
    recordAbsentDrift(jobId: string, terminal: string, itemIds: readonly number[], at: number): number {
      if (itemIds.length === 0) return 0;
      const ids = JSON.stringify(itemIds);
      const detail =
        'Already absent when the terminal was read before sending: removed by someone else after it was queued.';
      return db.transaction(() => {
        sql
          .prepare(
            `INSERT INTO sync_drift (op_id, target, kind, detail, queued_at, detected_at)
            SELECT '${REMOVAL_SOURCE}:' || id, terminal, 'already-absent', ?, queued_at, ?
            FROM job_items WHERE job_id = ? AND terminal = ? AND state != 'final' AND state = 'pending'
            AND id IN (SELECT value FROM json_each(?))`,
          )
          .run(detail, at, jobId, terminal, ids);
        return Number(
          sql
            .prepare(
              `UPDATE job_items SET state = 'final', outcome = 'already-absent', raw_code = ?, reason = ?,
              evidence = 'read-before', verified = 1, updated_at = ? WHERE job_id = ? AND terminal = ?
              AND state != 'final' AND state = 'pending'
              AND id IN (SELECT value FROM json_each(?))`,
            )
            .run(DRIFT_ABSENT, detail, at, jobId, terminal, ids).changes,
        );
      });
    },

    /**
     * Ids of running jobs a sync resumes: with items queued for `terminal` (their lane ended, waiting for it),
     * or, for every terminal, with any unfinished item ("Sync now").
     */
    runningJobsWithWork(terminal?: string): string[] {
      const rows = (
        terminal === undefined
          ? sql.prepare(
              `SELECT DISTINCT i.job_id AS id FROM job_items i JOIN jobs j ON j.id = i.job_id
              WHERE j.state = 'running' AND i.state != 'final'`,
            )
          : sql.prepare(
              `SELECT DISTINCT i.job_id AS id FROM job_items i JOIN jobs j ON j.id = i.job_id
              WHERE j.state = 'running' AND i.state != 'final' AND i.outcome = 'queued' AND i.terminal = ?`,
            )
      ).all(...(terminal === undefined ? [] : [terminal])) as { id: string }[];
      return rows.map((r) => r.id);
    },
  };
}

/** The removal journal's sync-queue side. */
export type SyncJournal = ReturnType<typeof createSyncJournal>;
