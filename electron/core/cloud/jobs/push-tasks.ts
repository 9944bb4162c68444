import type {
  CredentialBreakdown,
  PersonRecord,
  PushTask,
  RecordStateName,
  TaskStateName,
} from '../../../../shared/domain/permissions.ts';
import type { Database } from '../../db/database.ts';
import type { EndedCounts, FollowCache, FollowedRecord, FollowedTask } from '../tuya/task-monitor.ts';
import { sumBreakdowns } from './push-breakdowns.ts';

/** A task of a push as stored. */
export interface TaskRow extends PushTask {
  jobId: string;
  channelId: string;
  credentials: CredentialBreakdown | null;
  /** Which records are stored: none yet, the failed ones (the follow), or all (read on demand). */
  recordsScope: 'failed' | 'all' | null;
  /** Record states read on demand since the follow (served from the journal from then on). */
  fetchedStates: RecordStateName[];
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
  records_scope: 'failed' | 'all' | null;
  fetched_states: string;
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
    recordsScope: row.records_scope,
    fetchedStates: row.fetched_states === '' ? [] : (row.fetched_states.split(',') as RecordStateName[]),
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

    /**
     * The follow's cache of a task (see FollowCache): what was read before, and journaling of each new read —
     * the start time, the counts once ended, each page of failed records — so nothing finished is read twice.
     */
    followCache(taskId: string, channel: { name: string | null; device: string | null }): FollowCache {
      const row = sql.prepare('SELECT * FROM push_tasks WHERE task_id = ?').get(taskId) as StoredTask | undefined;
      const failedStored = (
        sql.prepare(`SELECT COUNT(*) AS n FROM push_records WHERE task_id = ? AND state = 'failed'`).get(taskId) as {
          n: number;
        }
      ).n;
      const ended: EndedCounts | undefined =
        row && row.records_scope !== null
          ? {
              state: row.state,
              total: row.total,
              succeeded: row.succeeded,
              failed: row.failed,
              finishedAt: row.finished_at,
            }
          : undefined;
      let seq = (
        sql.prepare('SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM push_records WHERE task_id = ?').get(taskId) as {
          n: number;
        }
      ).n;
      return {
        ...(row?.started_at !== null && row?.started_at !== undefined
          ? {
              detail: {
                taskStartTime: row.started_at,
                accessControlChannelName: channel.name,
                businessDeviceName: channel.device,
              },
            }
          : {}),
        ...(ended ? { ended } : {}),
        failedStored,
        onDetail: (detail) => {
          sql
            .prepare('UPDATE push_tasks SET started_at = ?, updated_at = ? WHERE task_id = ?')
            .run(detail.taskStartTime, now(), taskId);
        },
        onEnded: (counts) => {
          sql
            .prepare(
              `UPDATE push_tasks SET state = ?, total = ?, succeeded = ?, failed = ?, other = ?, finished_at = ?,
              records_scope = 'failed', updated_at = ? WHERE task_id = ?`,
            )
            .run(
              counts.state,
              counts.total,
              counts.succeeded,
              counts.failed,
              Math.max(0, counts.total - counts.succeeded - counts.failed),
              counts.finishedAt,
              now(),
              taskId,
            );
        },
        onFailedRecords: (records) => {
          db.transaction(() => {
            for (const r of records)
              insertRecord.run(taskId, seq++, r.authTaskRecordId, r.personId, r.name, r.state, null);
            sql
              .prepare('UPDATE push_tasks SET failed_pages = failed_pages + 1, updated_at = ? WHERE task_id = ?')
              .run(now(), taskId);
          });
        },
      };
    },

    /** Marks a task followed to its end (its counts and failed records are stored already, page by page). */
    storeFollowed(followed: FollowedTask): void {
      sql
        .prepare(
          `UPDATE push_tasks SET state = ?, total = ?, succeeded = ?, failed = ?, other = ?, started_at = ?,
          finished_at = ?, records_scope = COALESCE(records_scope, 'failed'), records_stored = 1, updated_at = ?
          WHERE task_id = ?`,
        )
        .run(
          followed.state,
          followed.total,
          followed.succeeded,
          followed.failed,
          followed.other,
          followed.startedAt,
          followed.finishedAt,
          now(),
          followed.taskId,
        );
    },

    /**
     * Stores records read on demand (a state the follow did not read, or every record): new ones appended,
     * known ones kept with their breakdown; the state (or `all`) is remembered as fetched.
     */
    storeFetched(taskId: string, state: RecordStateName | undefined, records: readonly FollowedRecord[]): void {
      db.transaction(() => {
        let seq = (
          sql.prepare('SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM push_records WHERE task_id = ?').get(taskId) as {
            n: number;
          }
        ).n;
        const insert = sql.prepare(`INSERT OR IGNORE INTO push_records (task_id, seq, record_id, person_id, name,
          state, breakdown) VALUES (?, ?, ?, ?, ?, ?, NULL)`);
        for (const r of records) {
          if (Number(insert.run(taskId, seq, r.authTaskRecordId, r.personId, r.name, r.state).changes) > 0) seq++;
        }
        if (state === undefined) {
          sql
            .prepare(`UPDATE push_tasks SET records_scope = 'all', updated_at = ? WHERE task_id = ?`)
            .run(now(), taskId);
        } else {
          const row = sql.prepare('SELECT fetched_states FROM push_tasks WHERE task_id = ?').get(taskId) as
            { fetched_states: string } | undefined;
          const states = new Set((row?.fetched_states ?? '').split(',').filter((x) => x !== ''));
          states.add(state);
          sql
            .prepare('UPDATE push_tasks SET fetched_states = ?, updated_at = ? WHERE task_id = ?')
            .run([...states].join(','), now(), taskId);
        }
      });
    },

    /** Stores the per-credential breakdown of records (issue-info read when they were opened). */
    storeBreakdowns(
      taskId: string,
      breakdowns: ReadonlyArray<{ recordId: string; breakdown: CredentialBreakdown }>,
    ): void {
      const update = sql.prepare('UPDATE push_records SET breakdown = ? WHERE task_id = ? AND record_id = ?');
      db.transaction(() => {
        for (const b of breakdowns) update.run(JSON.stringify(b.breakdown), taskId, b.recordId);
        const rows = sql
          .prepare('SELECT breakdown FROM push_records WHERE task_id = ? AND breakdown IS NOT NULL')
          .all(taskId) as { breakdown: string }[];
        const sum = sumBreakdowns(rows.map((r) => JSON.parse(r.breakdown) as CredentialBreakdown));
        sql.prepare('UPDATE push_tasks SET credentials = ? WHERE task_id = ?').run(JSON.stringify(sum), taskId);
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
