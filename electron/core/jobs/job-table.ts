import { JobKindSchema, JobStateSchema, type JobKind, type JobState } from '../../../shared/domain/job.ts';
import type { Database } from '../db/database.ts';

/** A row of the `jobs` table as SQLite returns it (every job kind reads it). */
export interface StoredJob {
  id: string;
  kind: string;
  state: string;
  options: string;
  label: string | null;
  error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

/** A job's row in the shared `jobs` table (migration 3), with its options as stored JSON. */
export interface JobTableRow {
  id: string;
  kind: JobKind;
  state: JobState;
  options: unknown;
  label: string | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/**
 * The `jobs` table: one row per journaled job of any kind, so `jobs:list` shows every job and a job id names one
 * job whatever its kind. Options are JSON of the kind's own shape; the items are in each kind's own tables.
 */
export type JobTable = ReturnType<typeof createJobTable>;

/** Creates {@link JobTable} over an open database. */
export function createJobTable(db: Database, now: () => number) {
  const sql = db.sqlite;
  const insert = sql.prepare(
    `INSERT INTO jobs (id, kind, state, options, label, created_at, updated_at) VALUES (?, ?, 'running', ?, ?, ?, ?)`,
  );
  const update = sql.prepare('UPDATE jobs SET state = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?');
  const toRow = (row: StoredJob): JobTableRow => ({
    id: row.id,
    kind: JobKindSchema.catch('remove').parse(row.kind),
    state: JobStateSchema.catch('failed').parse(row.state),
    options: JSON.parse(row.options) as unknown,
    label: row.label,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  });

  return {
    /** Writes the job row (state running); call inside the transaction that writes its items. */
    insert(jobId: string, kind: JobKind, options: unknown, label: string | null): void {
      const at = now();
      insert.run(jobId, kind, JSON.stringify(options), label, at, at);
    },

    /** A job by id, any kind. */
    get(jobId: string): JobTableRow | undefined {
      const row = sql.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as StoredJob | undefined;
      return row ? toRow(row) : undefined;
    },

    /** The job's kind (undefined for an unknown id). */
    kindOf(jobId: string): JobKind | undefined {
      const row = sql.prepare('SELECT kind FROM jobs WHERE id = ?').get(jobId) as { kind: string } | undefined;
      return row ? JobKindSchema.catch('remove').parse(row.kind) : undefined;
    },

    /** Records the job's state; final states stamp `finished_at`. */
    setState(jobId: string, state: JobState, error: string | null = null): void {
      const at = now();
      const final = state === 'done' || state === 'cancelled' || state === 'failed';
      update.run(state, error, at, final ? at : null, jobId);
    },

    /** Ids of jobs of a kind in a state, oldest first. */
    withState(kind: JobKind, state: JobState): string[] {
      const rows = sql
        .prepare('SELECT id FROM jobs WHERE kind = ? AND state = ? ORDER BY created_at')
        .all(kind, state) as { id: string }[];
      return rows.map((r) => r.id);
    },

    /** Jobs of every kind, newest first. */
    list(limit = 100): { id: string; kind: JobKind }[] {
      const rows = sql.prepare('SELECT id, kind FROM jobs ORDER BY created_at DESC, id LIMIT ?').all(limit) as {
        id: string;
        kind: string;
      }[];
      return rows.map((r) => ({ id: r.id, kind: JobKindSchema.catch('remove').parse(r.kind) }));
    },

    /** The newest job of a kind, if any. */
    newest(kind: JobKind): JobTableRow | undefined {
      const row = sql
        .prepare('SELECT * FROM jobs WHERE kind = ? ORDER BY created_at DESC, rowid DESC LIMIT 1')
        .get(kind) as StoredJob | undefined;
      return row ? toRow(row) : undefined;
    },
  };
}
