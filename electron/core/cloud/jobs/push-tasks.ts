import type {
  CredentialBreakdown,
  PersonRecord,
  PushTask,
  RecordStateName,
  TaskStateName,
} from '../../../../shared/domain/permissions.ts';
import type { Database } from '../../db/database.ts';
import type { FollowedTask } from '../tuya/task-monitor.ts';

/** A task of a push as stored. */
export interface TaskRow extends PushTask {
  jobId: string;
  channelId: string;
  credentials: CredentialBreakdown | null;
}

interface StoredTask {
  task_id: string;
  job_id: string;
  channel_id: string;
  found_by: 'answer' | 'recheck';
  state: TaskStateName;
  total: number;
  succeeded: number;
  failed: number;
  other: number;
  credentials: string | null;
  started_at: number | null;
  finished_at: number | null;
  records_stored: number;
}

const FINAL: ReadonlySet<TaskStateName> = new Set(['succeeded', 'partly-failed', 'failed', 'stopped']);

function toTask(row: StoredTask): TaskRow {
  const finished = row.succeeded + row.failed + row.other;
  return {
    taskId: row.task_id,
    jobId: row.job_id,
    channelId: row.channel_id,
    state: row.state,
    progress: FINAL.has(row.state) ? 1 : row.total > 0 ? Math.min(1, finished / row.total) : 0,
    total: row.total,
    succeeded: row.succeeded,
    failed: row.failed,
    other: row.other,
    foundBy: row.found_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    recordsStored: row.records_stored === 1,
    credentials: row.credentials === null ? null : (JSON.parse(row.credentials) as CredentialBreakdown),
  };
}

/** What a poll of a running task told. */
export interface TaskSnapshot {
  state: TaskStateName;
  total: number;
  succeeded: number;
  failed: number;
}

/** The tasks of pushes and their per-person records (migration 4), kept for the report. */
export type PushTasks = ReturnType<typeof createPushTasks>;

/** Creates {@link PushTasks}. */
export function createPushTasks(db: Database, now: () => number) {
  const sql = db.sqlite;
  const insertRecord = sql.prepare(`INSERT OR REPLACE INTO push_records (task_id, seq, record_id, person_id, name,
    state, breakdown) VALUES (?, ?, ?, ?, ?, ?, ?)`);

  return {
    /** A task by id. */
    get(taskId: string): TaskRow | undefined {
      const row = sql.prepare('SELECT * FROM push_tasks WHERE task_id = ?').get(taskId) as StoredTask | undefined;
      return row ? toTask(row) : undefined;
    },

    /** The tasks of a job (optionally of one channel), oldest first. */
    ofJob(jobId: string, channelId?: string): TaskRow[] {
      const list = (channelId === undefined
        ? sql.prepare('SELECT * FROM push_tasks WHERE job_id = ? ORDER BY rowid').all(jobId)
        : sql
            .prepare('SELECT * FROM push_tasks WHERE job_id = ? AND channel_id = ? ORDER BY rowid')
            .all(jobId, channelId)) as unknown as StoredTask[];
      return list.map(toTask);
    },

    /** Whether any job of this journal already follows (or followed) the task. */
    known(taskId: string): boolean {
      return sql.prepare('SELECT 1 AS x FROM push_tasks WHERE task_id = ?').get(taskId) !== undefined;
    },

    /** Records a poll's state and counts. */
    progress(taskId: string, snapshot: TaskSnapshot): void {
      sql
        .prepare(
          `UPDATE push_tasks SET state = ?, total = ?, succeeded = ?, failed = ?, updated_at = ?
          WHERE task_id = ? AND records_stored = 0`,
        )
        .run(snapshot.state, snapshot.total, snapshot.succeeded, snapshot.failed, now(), taskId);
    },

    /** Stores a task followed to its end: final counts, per-credential totals and every record, in one transaction. */
    storeFollowed(followed: FollowedTask): void {
      db.transaction(() => {
        sql.prepare('DELETE FROM push_records WHERE task_id = ?').run(followed.taskId);
        followed.records.forEach((r, seq) => {
          const breakdown = r.issueInfo
            ? {
                person: r.issueInfo.person,
                card: r.issueInfo.card,
                cardPassword: r.issueInfo.cardPassword,
                face: r.issueInfo.face,
                fingerprint: r.issueInfo.fingerprint,
              }
            : null;
          insertRecord.run(
            followed.taskId,
            seq,
            r.authTaskRecordId,
            r.personId,
            r.name,
            r.state,
            breakdown === null ? null : JSON.stringify(breakdown),
          );
        });
        sql
          .prepare(
            `UPDATE push_tasks SET state = ?, total = ?, succeeded = ?, failed = ?, other = ?, credentials = ?,
            started_at = ?, finished_at = ?, records_stored = 1, updated_at = ? WHERE task_id = ?`,
          )
          .run(
            followed.state,
            followed.total,
            followed.succeeded,
            followed.failed,
            followed.other,
            JSON.stringify(followed.credentials),
            followed.startedAt,
            followed.finishedAt,
            now(),
            followed.taskId,
          );
      });
    },

    /** One page of a task's records, optionally of one state, and how many match. */
    records(taskId: string, state: RecordStateName | undefined, offset: number, limit: number) {
      const where = `WHERE task_id = ?${state === undefined ? '' : ' AND state = ?'}`;
      const params = state === undefined ? [taskId] : [taskId, state];
      const matching = (sql.prepare(`SELECT COUNT(*) AS n FROM push_records ${where}`).get(...params) as { n: number })
        .n;
      const list = sql
        .prepare(
          `SELECT record_id, person_id, name, state, breakdown FROM push_records ${where} ORDER BY seq
          LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset) as {
        record_id: string;
        person_id: string | null;
        name: string | null;
        state: RecordStateName;
        breakdown: string | null;
      }[];
      const records: PersonRecord[] = list.map((r) => ({
        recordId: r.record_id,
        personId: r.person_id,
        name: r.name,
        state: r.state,
        breakdown: r.breakdown === null ? null : (JSON.parse(r.breakdown) as CredentialBreakdown),
      }));
      return { records, matching };
    },

    /** Record totals over a job's tasks (for progress events). */
    totals(jobId: string): { total: number; succeeded: number; failed: number } {
      const row = sql
        .prepare(
          `SELECT COALESCE(SUM(total), 0) AS total, COALESCE(SUM(succeeded), 0) AS succeeded,
          COALESCE(SUM(failed), 0) AS failed FROM push_tasks WHERE job_id = ?`,
        )
        .get(jobId) as { total: number; succeeded: number; failed: number };
      return row;
    },
  };
}
