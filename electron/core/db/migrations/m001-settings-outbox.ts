import type { Migration } from './migration.ts';

/** Migration 1: settings and outbox. */
export const MIGRATION_1: Migration = {
  version: 1,
  name: 'settings and outbox',
  sql: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      target TEXT NOT NULL,
      kind TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'needs_attention', 'discarded')),
      reason TEXT,
      payload TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX outbox_state ON outbox (state);
  `,
};
