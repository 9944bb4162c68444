import type { Migration } from './migration.ts';

/**
 * Migration 16: the plan of a removal job still being journaled (issue 19). A large job starts sending once its
 * first round of items is journaled; the rest is journaled in rounds while it runs. Until the last round is
 * written, the row keeps what regenerates the rest (the list, the targets, the round size) and the next round, so
 * a crash between rounds is completed on the next start: nothing of the plan is lost, and no item is journaled
 * twice (a round's items and `next_round` commit together). The row goes when the plan is whole.
 */
export const MIGRATION_16: Migration = {
  version: 16,
  name: 'removal: plans journaled in rounds',
  sql: `
    CREATE TABLE job_plans (
      job_id TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
      input TEXT NOT NULL,
      next_round INTEGER NOT NULL
    ) STRICT;
  `,
};
