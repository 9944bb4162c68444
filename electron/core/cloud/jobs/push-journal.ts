import type { CertificatePolicyName, IssueModeName } from '../../../../shared/domain/permissions.ts';
import type { OutcomeCounts } from '../../../../shared/domain/removal.ts';
import type { Database } from '../../db/database.ts';
import type { JobTable } from '../../jobs/job-table.ts';

/** What a permission-push job was asked to do (stored as the job's options). */
export interface PushOptions {
  projectId: string;
  mode: IssueModeName;
  certificate: CertificatePolicyName;
  /** The job whose failed channels this one pushes again (retry-failed). */
  retryOf?: string;
}

/** A channel to push to, as planned. */
export interface PlannedChannel {
  channelId: string;
  name: string | null;
  deviceName: string | null;
  /** Set when the channel cannot be pushed (unknown to the cloud): journaled failed at once. */
  failure?: { rawCode: string; reason: string };
}

/** Where a channel is: waiting, its issue call on its way (answer unknown), its task followed, or finished. */
export type ChannelState = 'pending' | 'issuing' | 'following' | 'final';

/** A channel of a push job (one item). */
export interface ChannelRow {
  id: number;
  jobId: string;
  seq: number;
  channelId: string;
  channelName: string | null;
  deviceName: string | null;
  state: ChannelState;
  outcome: 'done' | 'failed' | 'queued' | 'cancelled' | null;
  rawCode: string | null;
  reason: string | null;
  attempts: number;
  retryable: boolean;
  updatedAt: number;
}

/** One issue call as journaled before it was sent. */
export interface IssueRow {
  id: number;
  jobId: string;
  channelId: string;
  state: 'sending' | 'acknowledged' | 'unknown' | 'refused' | 'found' | 'not-found';
  sentAt: number;
}

const CHANNEL_COLUMNS = `id, job_id AS jobId, seq, channel_id AS channelId, channel_name AS channelName,
  device_name AS deviceName, state, outcome, raw_code AS rawCode, reason, attempts, retryable, updated_at AS updatedAt`;

function toChannel(row: Record<string, unknown>): ChannelRow {
  return { ...(row as unknown as ChannelRow), retryable: row.retryable === 1 };
}

/**
 * The write-ahead journal of permission pushes (migration 4): one row per channel, and one `push_issues` row per
 * issue call, written 'sending' in the same transaction that marks the channel 'issuing', BEFORE the call goes
 * out. The answer (tasks) is recorded in one transaction; a call without a usable answer stays 'sending' or
 * becomes 'unknown' and is settled by re-reading the task list (push-recheck.ts), never by issuing again blindly.
 */
export type PushJournal = ReturnType<typeof createPushJournal>;

/** Creates the {@link PushJournal}. */
export function createPushJournal(db: Database, rows: JobTable, now: () => number) {
  const sql = db.sqlite;
  const insertChannel = sql.prepare(`INSERT INTO push_channels (job_id, seq, channel_id, channel_name, device_name,
    state, outcome, raw_code, reason, retryable, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const setChannel = sql.prepare(`UPDATE push_channels SET state = ?, updated_at = ? WHERE id = ?`);
  const insertIssue = sql.prepare(`INSERT INTO push_issues (job_id, channel_id, mode, certificate, state, sent_at,
    updated_at) VALUES (?, ?, ?, ?, 'sending', ?, ?)`);
  const setIssue = sql.prepare(
    'UPDATE push_issues SET state = ?, task_ids = ?, error = ?, updated_at = ? WHERE id = ?',
  );
  const insertTask = sql.prepare(`INSERT OR IGNORE INTO push_tasks (task_id, job_id, channel_id, issue_id, found_by,
    state, started_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`);

  const channel = (id: number): ChannelRow => {
    const row = sql.prepare(`SELECT ${CHANNEL_COLUMNS} FROM push_channels WHERE id = ?`).get(id);
    if (!row) throw new Error(`No push channel ${id}.`);
    return toChannel(row as Record<string, unknown>);
  };

  return {
    channel,

    /** Writes the job and every channel in one transaction (channels that cannot be pushed are failed at once). */
    createJob(jobId: string, options: PushOptions, label: string | null, channels: readonly PlannedChannel[]): void {
      const at = now();
      db.transaction(() => {
        rows.insert(jobId, 'permission-push', options, label);
        channels.forEach((c, seq) => {
          const failed = c.failure !== undefined;
          insertChannel.run(
            jobId,
            seq,
            c.channelId,
            c.name,
            c.deviceName,
            failed ? 'final' : 'pending',
            failed ? 'failed' : null,
            c.failure?.rawCode ?? null,
            c.failure?.reason ?? null,
            failed ? 0 : 1,
            at,
          );
        });
      });
    },

    /** Every channel of a job, in plan order. */
    channels(jobId: string): ChannelRow[] {
      const list = sql.prepare(`SELECT ${CHANNEL_COLUMNS} FROM push_channels WHERE job_id = ? ORDER BY seq`).all(jobId);
      return list.map((r) => toChannel(r as Record<string, unknown>));
    },

    /** Whether the job has channels that are not finished. */
    hasWork(jobId: string): boolean {
      return (
        sql.prepare(`SELECT 1 AS x FROM push_channels WHERE job_id = ? AND state != 'final' LIMIT 1`).get(jobId) !==
        undefined
      );
    },

    /**
     * Journals an issue call for one channel BEFORE it is sent: the issue row 'sending' (with the laptop time),
     * the channel 'issuing' and attempts + 1, in one transaction.
     */
    beginIssue(row: ChannelRow, mode: IssueModeName, certificate: CertificatePolicyName): IssueRow {
      const at = now();
      return db.transaction(() => {
        const id = Number(insertIssue.run(row.jobId, row.channelId, mode, certificate, at, at).lastInsertRowid);
        sql
          .prepare(
            `UPDATE push_channels SET state = 'issuing', outcome = NULL, attempts = attempts + 1, updated_at = ?
            WHERE id = ?`,
          )
          .run(at, row.id);
        return { id, jobId: row.jobId, channelId: row.channelId, state: 'sending', sentAt: at };
      });
    },

    /** Records the tasks the cloud answered (or a re-check found), the issue settled and the channel followed. */
    recordTasks(issue: IssueRow, row: ChannelRow, taskIds: readonly string[], foundBy: 'answer' | 'recheck'): void {
      const at = now();
      db.transaction(() => {
        setIssue.run(foundBy === 'answer' ? 'acknowledged' : 'found', JSON.stringify(taskIds), null, at, issue.id);
        for (const taskId of taskIds) insertTask.run(taskId, row.jobId, row.channelId, issue.id, foundBy, null, at);
        setChannel.run('following', at, row.id);
      });
    },

    /** The call got no usable answer (time-out, dropped, 5xx): the issue stays open until re-checked. */
    markUnknown(issue: IssueRow, reason: string): void {
      setIssue.run('unknown', null, reason, now(), issue.id);
    },

    /**
     * The cloud surely did not start a task (it refused, or the call never arrived; a re-check found none): the
     * issue is closed and the channel goes back to pending. `counted` false gives the attempt back.
     */
    releaseIssue(issue: IssueRow, row: ChannelRow, state: 'refused' | 'not-found', reason: string, counted = true) {
      const at = now();
      db.transaction(() => {
        setIssue.run(state, null, reason, at, issue.id);
        sql
          .prepare(
            `UPDATE push_channels SET state = 'pending', attempts = MAX(0, attempts - ?), raw_code = NULL,
            reason = ?, updated_at = ? WHERE id = ? AND state = 'issuing'`,
          )
          .run(counted ? 0 : 1, reason, at, row.id);
      });
    },

    /** The channel's issue whose answer is unknown ('sending' after a crash, or 'unknown'), if any. */
    openIssue(row: ChannelRow): IssueRow | undefined {
      const found = sql
        .prepare(
          `SELECT id, job_id AS jobId, channel_id AS channelId, state, sent_at AS sentAt FROM push_issues
          WHERE job_id = ? AND channel_id = ? AND state IN ('sending', 'unknown') ORDER BY id DESC LIMIT 1`,
        )
        .get(row.jobId, row.channelId);
      return found as unknown as IssueRow | undefined;
    },

    /** Finishes a channel with its outcome. */
    finish(
      row: ChannelRow,
      outcome: 'done' | 'failed',
      rawCode: string | null,
      reason: string | null,
      retryable = true,
    ) {
      sql
        .prepare(
          `UPDATE push_channels SET state = 'final', outcome = ?, raw_code = ?, reason = ?, retryable = ?,
          updated_at = ? WHERE id = ? AND state != 'final'`,
        )
        .run(outcome, rawCode, reason, retryable ? 1 : 0, now(), row.id);
    },

    /**
     * Marks the job's unfinished channels queued (the cloud does not answer) or clears the mark. The first
     * time a channel is queued stamps `queued_at` (migration 6); later passes and retries never change it.
     */
    setQueued(jobId: string, queued: boolean, reason: string | null = null): void {
      const at = now();
      sql
        .prepare(
          `UPDATE push_channels SET outcome = ?, reason = COALESCE(?, reason), updated_at = ?,
          queued_at = COALESCE(queued_at, ?) WHERE job_id = ? AND state != 'final'`,
        )
        .run(queued ? 'queued' : null, reason, at, queued ? at : null, jobId);
    },

    /**
     * A channel whose task is still running in the cloud after the follow's limit: it stays `following` (the
     * next pass or Sync now follows it again), shown as queued with raw code `task:running` and the reason.
     */
    markStillRunning(row: ChannelRow, reason: string): void {
      const at = now();
      sql
        .prepare(
          `UPDATE push_channels SET outcome = 'queued', raw_code = 'task:running', reason = ?, updated_at = ?,
          queued_at = COALESCE(queued_at, ?) WHERE id = ? AND state != 'final'`,
        )
        .run(reason, at, at, row.id);
    },

    /** Fails every unfinished channel with one reason (credentials refused: every call would fail alike). */
    failRemaining(jobId: string, rawCode: string | null, reason: string): number {
      const result = sql
        .prepare(
          `UPDATE push_channels SET state = 'final', outcome = 'failed', raw_code = ?, reason = ?, updated_at = ?
          WHERE job_id = ? AND state != 'final'`,
        )
        .run(rawCode, reason, now(), jobId);
      return Number(result.changes);
    },

    /** Cancels every unfinished channel; issued ones say their task goes on in the cloud. */
    cancelRemaining(jobId: string): void {
      const at = now();
      const set = (state: ChannelState, rawCode: string | null, reason: string | null): void => {
        sql
          .prepare(
            `UPDATE push_channels SET state = 'final', outcome = 'cancelled', raw_code = ?, reason = ?,
            updated_at = ? WHERE job_id = ? AND state = ?`,
          )
          .run(rawCode, reason, at, jobId, state);
      };
      db.transaction(() => {
        set('pending', null, null);
        set(
          'issuing',
          'unconfirmed',
          'Cancelled before the cloud confirmed the push: it may have been issued. Check the task list in the Tuya console.',
        );
        set(
          'following',
          'task:not-followed',
          'The push was issued; the cloud finishes its task on its own, but the app stopped following it.',
        );
        sql
          .prepare(
            `UPDATE push_issues SET state = 'refused', error = 'cancelled', updated_at = ? WHERE job_id = ?
            AND state IN ('sending', 'unknown')`,
          )
          .run(at, jobId);
      });
    },

    /** Channels that failed and may be pushed again (not those unknown to the cloud at plan time). */
    retryableFailures(jobId: string): ChannelRow[] {
      const list = sql
        .prepare(
          `SELECT ${CHANNEL_COLUMNS} FROM push_channels WHERE job_id = ? AND outcome = 'failed' AND retryable = 1
          ORDER BY seq`,
        )
        .all(jobId);
      return list.map((r) => toChannel(r as Record<string, unknown>));
    },

    /** Channel counts per outcome (`pending`: not finished and not queued). */
    counts(jobId: string): OutcomeCounts {
      const counts: OutcomeCounts = {
        removed: 0,
        'already-absent': 0,
        failed: 0,
        queued: 0,
        cancelled: 0,
        pending: 0,
        done: 0,
      };
      const list = sql
        .prepare(`SELECT state, outcome, COUNT(*) AS n FROM push_channels WHERE job_id = ? GROUP BY state, outcome`)
        .all(jobId) as { state: string; outcome: string | null; n: number }[];
      for (const r of list) {
        const key = r.state !== 'final' ? (r.outcome === 'queued' ? 'queued' : 'pending') : r.outcome;
        if (key === 'done' || key === 'failed' || key === 'cancelled' || key === 'queued' || key === 'pending') {
          counts[key] = (counts[key] ?? 0) + r.n;
        }
      }
      return counts;
    },
  };
}
