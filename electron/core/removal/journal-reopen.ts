import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

/**
 * Puts unconfirmed items (matching `where`, a condition over `job_items i`) back into one open, answered
 * batch per job and terminal, so the terminal's lane READS it first and settles them (absent: removed by
 * read-back; still listed: sent again). Unconfirmed items are never resent blindly. Answers how many items
 * were reopened. Run it inside the caller's transaction.
 */
export function reopenUnconfirmed(sql: DatabaseSync, where: string, params: SQLInputValue[], at: number): number {
  const groups = sql
    .prepare(
      `SELECT i.job_id AS jobId, i.terminal, json_group_array(i.native_id) AS ids FROM job_items i
      WHERE ${where} AND i.state = 'final' AND i.outcome = 'unconfirmed' GROUP BY i.job_id, i.terminal`,
    )
    .all(...params) as { jobId: string; terminal: string; ids: string }[];
  const insertBatch = sql.prepare(
    `INSERT INTO job_batches (job_id, terminal, state, ids, error, created_at, updated_at, answered_at)
    VALUES (?, ?, 'unknown', ?, 'Retry of unconfirmed items: the terminal is read first.', ?, ?, ?)`,
  );
  const reopen = sql.prepare(
    `UPDATE job_items AS i SET state = 'sending', outcome = NULL, batch_id = ?, attempts = 0, updated_at = ?
    WHERE ${where} AND i.job_id = ? AND i.terminal = ? AND i.state = 'final' AND i.outcome = 'unconfirmed'`,
  );
  let reopened = 0;
  for (const { jobId, terminal, ids } of groups) {
    const batchId = Number(insertBatch.run(jobId, terminal, ids, at, at, at).lastInsertRowid);
    reopened += Number(reopen.run(batchId, at, ...params, jobId, terminal).changes);
  }
  return reopened;
}
