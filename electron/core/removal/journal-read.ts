import { JobKindSchema, JobStateSchema, type JobKind, type JobState } from '../../../shared/domain/job.ts';
import { TerminalKindSchema } from '../../../shared/domain/terminal.ts';
import type {
  ItemFilter,
  ItemOutcome,
  JobItem,
  JobSummary,
  JobTerminal,
  OutcomeCounts,
} from '../../../shared/domain/removal.ts';
import type { Database } from '../db/database.ts';
import type { JobOptions } from './journal.ts';

/** A job row as stored. */
export interface JobRow {
  id: string;
  /** 'remove' for removal jobs; cloud jobs (electron/core/cloud/jobs) share the table. */
  kind: JobKind;
  state: JobState;
  options: JobOptions;
  label: string | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** A filter of a job's items. */
export interface ItemQuery {
  jobId: string;
  outcome?: ItemFilter;
  terminal?: string;
  offset: number;
  limit: number;
}

/** A row of the `jobs` table as SQLite returns it (shared by every job engine that reads it). */
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

interface StoredItem {
  seq: number;
  terminal: string;
  terminal_kind: string;
  line: number | null;
  name: string | null;
  person_key: string;
  id_kind: string;
  native_id: string;
  face_id: string;
  state: string;
  outcome: string | null;
  raw_code: string | null;
  reason: string | null;
  attempts: number;
  verified: number | null;
  updated_at: number;
}

/** Every outcome at zero. */
export function emptyCounts(): OutcomeCounts {
  return { removed: 0, 'already-absent': 0, failed: 0, queued: 0, cancelled: 0, pending: 0 };
}

/** The SQL condition of an item filter (`pending`: unfinished and not queued). */
function filterSql(outcome: ItemFilter | undefined): string {
  if (outcome === undefined) return '';
  if (outcome === 'pending') return ` AND state != 'final' AND outcome IS NULL`;
  if (outcome === 'queued') return ` AND state != 'final' AND outcome = 'queued'`;
  return ` AND state = 'final' AND outcome = '${outcome}'`;
}

function toJobItem(row: StoredItem): JobItem {
  return {
    seq: row.seq,
    terminal: row.terminal,
    terminalKind: TerminalKindSchema.catch('unknown').parse(row.terminal_kind),
    line: row.line,
    name: row.name,
    personKey: row.person_key,
    idKind: row.id_kind,
    nativeId: row.native_id,
    faceId: row.face_id === '' ? null : row.face_id,
    outcome: (row.outcome as ItemOutcome | null) ?? null,
    rawCode: row.raw_code,
    reason: row.reason,
    attempts: row.attempts,
    verified: row.verified === null ? null : row.verified === 1,
    updatedAt: row.updated_at,
  };
}

/** Read-only queries of the removal journal: jobs, counts, pages of items, and every item for export. */
export type JournalReader = ReturnType<typeof createJournalReader>;

/** Creates the {@link JournalReader}. */
export function createJournalReader(db: Database) {
  const sql = db.sqlite;
  const countRows = sql.prepare(`SELECT terminal, state, outcome, COUNT(*) AS n FROM job_items WHERE job_id = ?
    GROUP BY terminal, state, outcome`);
  const verifiedRow = sql.prepare(`SELECT SUM(verified = 1) AS verified,
    SUM(outcome = 'removed' AND verified IS NULL) AS unverified FROM job_items WHERE job_id = ?`);

  const toRow = (row: StoredJob): JobRow => ({
    id: row.id,
    kind: JobKindSchema.catch('remove').parse(row.kind),
    state: JobStateSchema.catch('failed').parse(row.state),
    options: JSON.parse(row.options) as JobOptions,
    label: row.label,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  });

  const job = (jobId: string): JobRow | undefined => {
    const row = sql.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as StoredJob | undefined;
    return row ? toRow(row) : undefined;
  };

  /** Counts per terminal and in total. */
  const counts = (jobId: string): { total: OutcomeCounts; perTerminal: Map<string, OutcomeCounts> } => {
    const total = emptyCounts();
    const perTerminal = new Map<string, OutcomeCounts>();
    const rows = countRows.all(jobId) as { terminal: string; state: string; outcome: string | null; n: number }[];
    for (const row of rows) {
      const key: keyof OutcomeCounts =
        row.state !== 'final' ? (row.outcome === 'queued' ? 'queued' : 'pending') : (row.outcome as ItemOutcome);
      const mine = perTerminal.get(row.terminal) ?? emptyCounts();
      mine[key] += row.n;
      total[key] += row.n;
      perTerminal.set(row.terminal, mine);
    }
    return { total, perTerminal };
  };

  const summary = (row: JobRow): JobSummary => {
    const { total, perTerminal } = counts(row.id);
    const verified = verifiedRow.get(row.id) as { verified: number | null; unverified: number | null };
    return {
      id: row.id,
      kind: row.kind,
      state: row.state,
      // Cloud jobs store options of their own shape: no mode or verification of their own.
      mode: row.options.mode ?? 'people',
      verify: row.options.verify ?? false,
      label: row.label,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      finishedAt: row.finishedAt,
      total: Object.values(total).reduce((a, b) => a + b, 0),
      terminals: perTerminal.size,
      counts: total,
      verified: verified.verified ?? 0,
      unverified: row.options.verify === true ? (verified.unverified ?? 0) : 0,
      error: row.error,
    };
  };

  return {
    job,
    counts,
    summary,

    /** Jobs, newest first. */
    list(limit = 100): JobRow[] {
      return (
        sql.prepare('SELECT * FROM jobs ORDER BY created_at DESC, id LIMIT ?').all(limit) as unknown as StoredJob[]
      ).map(toRow);
    },

    /** Ids of removal jobs in a given state, oldest first (cloud jobs in the same table run elsewhere). */
    withState(state: JobState): string[] {
      const rows = sql
        .prepare(`SELECT id FROM jobs WHERE state = ? AND kind = 'remove' ORDER BY created_at`)
        .all(state) as {
        id: string;
      }[];
      return rows.map((r) => r.id);
    },

    /** Per-terminal counts with each terminal's kind. */
    terminals(jobId: string): JobTerminal[] {
      const kinds = sql
        .prepare('SELECT DISTINCT terminal, terminal_kind AS kind FROM job_items WHERE job_id = ? ORDER BY terminal')
        .all(jobId) as { terminal: string; kind: string }[];
      const { perTerminal } = counts(jobId);
      return kinds.map((k) => ({
        serial: k.terminal,
        kind: TerminalKindSchema.catch('unknown').parse(k.kind),
        counts: perTerminal.get(k.terminal) ?? emptyCounts(),
      }));
    },

    /** One page of items matching a filter, in plan order, and how many match. */
    items(query: ItemQuery): { items: JobItem[]; matching: number } {
      const where = `WHERE job_id = ?${query.terminal === undefined ? '' : ' AND terminal = ?'}${filterSql(query.outcome)}`;
      const params = query.terminal === undefined ? [query.jobId] : [query.jobId, query.terminal];
      const matching = (sql.prepare(`SELECT COUNT(*) AS n FROM job_items ${where}`).get(...params) as { n: number }).n;
      const rows = sql
        .prepare(`SELECT * FROM job_items ${where} ORDER BY seq LIMIT ? OFFSET ?`)
        .all(...params, query.limit, query.offset) as unknown as StoredItem[];
      return { items: rows.map(toJobItem), matching };
    },

    /** Every item of a job in plan order, read lazily (exports of large jobs). */
    *allItems(jobId: string): Generator<JobItem> {
      const statement = sql.prepare('SELECT * FROM job_items WHERE job_id = ? ORDER BY seq');
      for (const row of statement.iterate(jobId)) yield toJobItem(row as unknown as StoredItem);
    },
  };
}
