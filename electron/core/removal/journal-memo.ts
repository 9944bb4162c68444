import type { DatabaseSync } from 'node:sqlite';

/** Most answers kept at once; more distinct questions between two writes start the memo afresh. */
const MAX_ENTRIES = 64;

/** Remembers answers of whole-job aggregates until the database changes. */
export type AggregateMemo = <T>(key: string, compute: () => T) => T;

/**
 * Creates an {@link AggregateMemo} over a connection: an answer (counts per outcome, how many items match a
 * filter) is kept while nothing was written since, and computed again after any write. The check is exact:
 * `total_changes()` grows with every row this connection inserts, updates or deletes, and
 * `PRAGMA data_version` changes when another connection (the CLI on the same data directory) commits. So a
 * finished job of 500,000 items is counted once, not again for every page the Jobs view reads, while a
 * running job is counted afresh every time. Keep answers immutable: the same value is handed out again.
 */
export function createAggregateMemo(sql: DatabaseSync): AggregateMemo {
  const changes = sql.prepare('SELECT total_changes() AS n');
  const version = sql.prepare('PRAGMA data_version');
  const answers = new Map<string, unknown>();
  let stamp = '';
  return <T>(key: string, compute: () => T): T => {
    const now = `${(changes.get() as { n: number }).n}|${(version.get() as { data_version: number }).data_version}`;
    if (now !== stamp || answers.size >= MAX_ENTRIES) {
      answers.clear();
      stamp = now;
    }
    if (answers.has(key)) return answers.get(key) as T;
    const value = compute();
    answers.set(key, value);
    return value;
  };
}
