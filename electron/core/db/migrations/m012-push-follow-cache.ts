import type { Migration } from './migration.ts';

/**
 * Migration 12: what a push's follow already read from the Tuya cloud (issue 20), so it is never read twice.
 * `push_tasks.records_scope`: which records of a task are stored (`failed`: the failed ones, read page by page
 * when the task finished; `all`: every record, read on demand). Rows written before this step stored every
 * record of a finished task, so they count as `all`. `failed_pages`: pages of failed records stored so far (a
 * follow interrupted between pages goes on at the next one). `fetched_states`: the record states read on demand
 * since (comma-separated), so opening them again is served from here.
 */
export const MIGRATION_12: Migration = {
  version: 12,
  name: 'push follow cache: failed records first, the rest on demand',
  sql: `
    ALTER TABLE push_tasks ADD COLUMN records_scope TEXT CHECK (records_scope IN ('failed', 'all'));
    ALTER TABLE push_tasks ADD COLUMN failed_pages INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE push_tasks ADD COLUMN fetched_states TEXT NOT NULL DEFAULT '';
    UPDATE push_tasks SET records_scope = 'all' WHERE records_stored = 1;
  `,
};
