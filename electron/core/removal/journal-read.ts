import { TerminalKindSchema } from '../../../shared/domain/terminal.ts';
import {
  evidenceOf,
  type ItemFilter,
  type ItemOutcome,
  type JobItem,
  type JobSummary,
  type JobTerminal,
  type OutcomeCounts,
} from '../../../shared/domain/removal.ts';
import type { Database } from '../db/database.ts';
import { createJobTable, type JobTableRow } from '../jobs/job-table.ts';
import type { JobOptions } from './journal-types.ts';
import { createAggregateMemo } from './journal-memo.ts';
import { isCredentialsFailure } from './credentials-failure.ts';
import { liveCountsFor } from './live-counts.ts';

/** A removal job's row of the shared jobs table, its options parsed. */
export type JobRow = Omit<JobTableRow, 'options'> & { options: JobOptions };

/** A filter of a job's items. */
export interface ItemQuery {
  jobId: string;
  outcome?: ItemFilter;
  terminal?: string;
  offset: number;
  limit: number;
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
  evidence: string | null;
  attempts: number;
  verified: number | null;
  updated_at: number;
}

/** A job's counts per outcome, in total and per terminal, and its verification sums. */
export interface JobCounts {
  total: OutcomeCounts;
  perTerminal: Map<string, OutcomeCounts>;
  /** Items verified absent after removal. */
  verified: number;
  /** Items removed or already absent without a complete read that confirms it (yet). */
  unverified: number;
}

interface CountRow {
  terminal: string;
  outcome: string | null;
  /** 1 verified absent, 0 found present, null not verified. */
  verified: number | null;
  n: number;
}

/** Every outcome at zero. */
export function emptyCounts(): OutcomeCounts {
  return { removed: 0, 'already-absent': 0, failed: 0, queued: 0, cancelled: 0, pending: 0, unconfirmed: 0 };
}

/**
 * Which count an item's outcome falls in. An item is final exactly when its outcome is a final one (every
 * write of the journal keeps this), so the outcome alone decides: NULL is pending or sending, 'queued' waits.
 */
export function countKeyOf(outcome: string | null): keyof OutcomeCounts {
  return outcome === null ? 'pending' : (outcome as ItemOutcome);
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
    failureCode: row.outcome === 'failed' && isCredentialsFailure(row.raw_code, row.reason) ? 'credentials' : null,
    evidence: evidenceOf(row.evidence),
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
  // One pass over the index job_items_counts (migration 8) gives the counts and the verification sums, grouped
  // by its own columns (no expression per item: 55 instead of 65 ms over 500,000 items). The outcome alone tells
  // an item's count: NULL is pending (or sending), 'queued' queued, any other is final.
  const countRows = sql.prepare(`SELECT terminal, outcome, verified, COUNT(*) AS n FROM job_items WHERE job_id = ?
    GROUP BY terminal, outcome, verified ORDER BY terminal`);
  const kindOf = sql.prepare('SELECT terminal_kind AS kind FROM job_items WHERE job_id = ? AND terminal = ? LIMIT 1');
  // Whole-job aggregates read every item of the job: kept until the next write (the Jobs view reads a page
  // at a time while it scrolls, and each page would count a finished job of 500,000 items again).
  const memo = createAggregateMemo(sql);

  // The row of the jobs table every kind shares (its options are a removal's here).
  const table = createJobTable(db, Date.now);
  const job = (jobId: string): JobRow | undefined => table.get(jobId) as JobRow | undefined;

  /**
   * Counts per terminal (in serial order) and in total, with the items verified absent and the removed items
   * not verified (yet).
   */
  const counts = (jobId: string): JobCounts => {
    const total = emptyCounts();
    const perTerminal = new Map<string, OutcomeCounts>();
    let verified = 0;
    let unverified = 0;
    const rows = memo(`counts|${jobId}`, () => countRows.all(jobId) as unknown as readonly CountRow[]);
    for (const row of rows) {
      const key = countKeyOf(row.outcome);
      const mine = perTerminal.get(row.terminal) ?? emptyCounts();
      mine[key] = (mine[key] ?? 0) + row.n;
      total[key] = (total[key] ?? 0) + row.n;
      perTerminal.set(row.terminal, mine);
      if (row.verified === 1) verified += row.n;
      if (row.verified === null && (row.outcome === 'removed' || row.outcome === 'already-absent')) unverified += row.n;
    }
    return { total, perTerminal, verified, unverified };
  };

  const summary = (row: JobRow, counted: JobCounts = counts(row.id)): JobSummary => {
    const { total, perTerminal } = counted;
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
      verified: counted.verified,
      unverified: row.options.verify === true ? counted.unverified : 0,
      error: row.error,
    };
  };

  /** Per-terminal counts with each terminal's kind. */
  const terminals = (jobId: string, counted: JobCounts = counts(jobId)): JobTerminal[] =>
    [...counted.perTerminal].map(([serial, perTerminal]) => {
      const kind = (kindOf.get(jobId, serial) as { kind: string } | undefined)?.kind;
      return { serial, kind: TerminalKindSchema.catch('unknown').parse(kind), counts: perTerminal };
    });

  /** One page of items matching a filter, in plan order, and how many match. */
  const items = (query: ItemQuery): { items: JobItem[]; matching: number } => {
    const where = `WHERE job_id = ?${query.terminal === undefined ? '' : ' AND terminal = ?'}${filterSql(query.outcome)}`;
    const params = query.terminal === undefined ? [query.jobId] : [query.jobId, query.terminal];
    // How many match, from the job's counts (one pass, kept until the next write): an item's count is its
    // outcome's, and it is final exactly when its outcome is a final one, so each filter is one count. A second
    // COUNT over a 500,000-item job cost the first jobs:show 35 ms, and every change of filter as much again.
    const counted = counts(query.jobId);
    const source = query.terminal === undefined ? counted.total : counted.perTerminal.get(query.terminal);
    const matching =
      source === undefined
        ? 0
        : query.outcome === undefined
          ? Object.values(source).reduce((a, b) => a + b, 0)
          : (source[query.outcome] ?? 0);
    const rows = sql
      .prepare(`SELECT * FROM job_items ${where} ORDER BY seq LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset) as unknown as StoredItem[];
    return { items: rows.map(toJobItem), matching };
  };

  const live = liveCountsFor(sql);

  return {
    job,
    counts,
    /**
     * The job's counts per outcome in total, from the live counts (live-counts.ts) while its lanes work:
     * what progress events need, without counting the job's items again for each one.
     */
    liveTotals(jobId: string): { counts: OutcomeCounts; total: number } {
      const total = emptyCounts();
      for (const perTerminal of live.perTerminal(jobId, () => counts(jobId).perTerminal).values()) {
        for (const key of Object.keys(total) as (keyof OutcomeCounts)[]) total[key] += perTerminal[key] ?? 0;
      }
      return { counts: total, total: Object.values(total).reduce((a, b) => a + b, 0) };
    },
    /** The job's counts per terminal, from the live counts (see liveTotals); do not change them. */
    livePerTerminal(jobId: string): ReadonlyMap<string, Readonly<OutcomeCounts>> {
      return live.perTerminal(jobId, () => counts(jobId).perTerminal);
    },
    summary: (row: JobRow): JobSummary => summary(row),
    terminals: (jobId: string): JobTerminal[] => terminals(jobId),
    items,

    /** What `jobs:show` answers: the job's summary, its terminals and one page of items, counted once. */
    show(
      row: JobRow,
      query: ItemQuery,
    ): { job: JobSummary; terminals: JobTerminal[]; items: JobItem[]; matching: number } {
      const counted = counts(row.id);
      return { job: summary(row, counted), terminals: terminals(row.id, counted), ...items(query) };
    },

    /** Every item of a job in plan order, read lazily (exports of large jobs). */
    *allItems(jobId: string): Generator<JobItem> {
      const statement = sql.prepare('SELECT * FROM job_items WHERE job_id = ? ORDER BY seq');
      for (const row of statement.iterate(jobId)) yield toJobItem(row as unknown as StoredItem);
    },
  };
}
