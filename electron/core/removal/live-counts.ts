import type { DatabaseSync } from 'node:sqlite';
import type { OutcomeCounts } from '../../../shared/domain/removal.ts';

/** Counts per outcome of one job, per terminal serial. */
export type TerminalCounts = Map<string, OutcomeCounts>;

/**
 * A removal job's counts per terminal and outcome kept in memory while its lanes work, so `jobs:progress`
 * and the sync queue's badge do not count the job's items again for every event (500,000 items took about
 * 0.1-0.25 s a count). A job's counts are read from the journal once (seeded) and then moved by the
 * journal's own claims and answers as they are recorded. They are exact, or forgotten and read again:
 * - every other write of the journal (bulk changes, sync retry and discard, verification) calls
 *   {@link LiveCounts.forget};
 * - any other write on the same connection shows in `total_changes()`, and any commit of another
 *   connection (the CLI on the same data directory) in `PRAGMA data_version`: both forget everything;
 * - a rolled-back group commit forgets everything (commit-group.ts);
 * - a job's counts are read again at least every {@link MAX_AGE_MS} whatever happens (a safety net).
 */
export interface LiveCounts {
  /** The job's counts per terminal: from memory, or counted by `count` (and kept) when not known. */
  perTerminal(jobId: string, count: () => TerminalCounts): ReadonlyMap<string, Readonly<OutcomeCounts>>;
  /**
   * Before a write the counts will follow: when anything else changed the database since the last
   * {@link settled}, forgets every job's counts.
   */
  check(): void;
  /** `n` items of a job's terminal moved from one count to another (nothing when the job is not kept). */
  move(jobId: string, terminal: string, from: keyof OutcomeCounts, to: keyof OutcomeCounts, n: number): void;
  /** `n` new items of a job's terminal were journaled with count `to` (nothing when the job is not kept). */
  add(jobId: string, terminal: string, to: keyof OutcomeCounts, n: number): void;
  /** After a write whose effect on the counts was told with {@link move} or {@link add}. */
  settled(): void;
  /** Forgets every job's counts: the next read counts from the journal again. */
  forget(): void;
  /** Rows this connection has inserted, updated or deleted since it opened (to tell a write that changed nothing). */
  rowsWritten(): number;
}

/** Counts kept longer than this are read again from the journal. */
export const MAX_AGE_MS = 60_000;

const registry = new WeakMap<DatabaseSync, LiveCounts>();

/**
 * The {@link LiveCounts} of a connection: one per connection, shared by every journal, reader and sync source
 * on it, so a write through one journal moves the counts another one reads.
 */
export function liveCountsFor(sql: DatabaseSync, now: () => number = Date.now): LiveCounts {
  let live = registry.get(sql);
  if (!live) {
    live = createLiveCounts(sql, now);
    registry.set(sql, live);
  }
  return live;
}

function createLiveCounts(sql: DatabaseSync, now: () => number): LiveCounts {
  const changes = sql.prepare('SELECT total_changes() AS n');
  const version = sql.prepare('PRAGMA data_version');
  const jobs = new Map<string, { counts: TerminalCounts; seededAt: number }>();
  const stampNow = (): string =>
    `${(changes.get() as { n: number }).n}|${(version.get() as { data_version: number }).data_version}`;
  let stamp = stampNow();

  const forget = (): void => {
    jobs.clear();
    stamp = stampNow();
  };
  const check = (): void => {
    if (stampNow() !== stamp) forget();
  };

  return {
    perTerminal(jobId, count) {
      check();
      const kept = jobs.get(jobId);
      if (kept && now() - kept.seededAt < MAX_AGE_MS) return kept.counts;
      const counts = new Map([...count()].map(([serial, c]) => [serial, { ...c }]));
      jobs.set(jobId, { counts, seededAt: now() });
      return counts;
    },
    check,
    move(jobId, terminal, from, to, n) {
      if (n === 0 || from === to) return;
      const counts = jobs.get(jobId)?.counts.get(terminal);
      if (!counts) {
        // A terminal the seed did not have: the counts cannot follow; read them again.
        jobs.delete(jobId);
        return;
      }
      counts[from] -= n;
      counts[to] += n;
    },
    add(jobId, terminal, to, n) {
      const kept = jobs.get(jobId);
      if (!kept || n === 0) return;
      let counts = kept.counts.get(terminal);
      if (!counts) {
        counts = { removed: 0, 'already-absent': 0, failed: 0, queued: 0, cancelled: 0, pending: 0, unconfirmed: 0 };
        kept.counts.set(terminal, counts);
      }
      counts[to] = (counts[to] ?? 0) + n;
    },
    settled() {
      stamp = stampNow();
    },
    forget,
    rowsWritten: () => (changes.get() as { n: number }).n,
  };
}

/**
 * The writers of `ops` forget the live counts after they ran (even when they failed) when they wrote a row:
 * their changes are not followed one by one. One that wrote nothing (a lane's end with nothing left unconfirmed,
 * its start with nothing queued) keeps them: recounting a 500,000-item job holds the app's thread ~50 ms.
 * The names in `readOnly` only read.
 */
export function forgettingCounts<T extends Record<string, unknown>>(
  live: LiveCounts,
  ops: T,
  readOnly: readonly (keyof T)[],
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, op] of Object.entries(ops)) {
    wrapped[name] =
      typeof op !== 'function' || readOnly.includes(name)
        ? op
        : (...args: unknown[]): unknown => {
            const before = live.rowsWritten();
            try {
              return (op as (...a: unknown[]) => unknown)(...args);
            } finally {
              if (live.rowsWritten() !== before) live.forget();
            }
          };
  }
  return wrapped as T;
}

/** Runs `work`; when it throws, forgets the live counts first. */
export function onFailure<T>(live: LiveCounts, work: () => T): T {
  try {
    return work();
  } catch (error) {
    live.forget();
    throw error;
  }
}
