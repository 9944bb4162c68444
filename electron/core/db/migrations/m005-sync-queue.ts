import type { Migration } from './migration.ts';

/** Migration 5: sync queue: queued/synced times, action history, drift. */
export const MIGRATION_5: Migration = {
  version: 5,
  name: 'sync queue: queued/synced times, action history, drift',
  // The sync queue (electron/core/sync/README.md) is a view over the jobs' own journals, so the unused
  // 'outbox' table of migration 1 is replaced: its rows never existed. Job items learn when they were first
  // queued and when they reached their target (set by triggers, in the same statement as the change);
  // sync_actions keeps every retry, discard and supersede with who and when; sync_drift what a target's
  // fresh read showed had changed since an operation was queued. (Version 4 belongs to the cloud jobs;
  // the runner applies any version not applied yet, so either may land first.)
  sql: `
    DROP TABLE IF EXISTS outbox;
    ALTER TABLE job_items ADD COLUMN queued_at INTEGER;
    ALTER TABLE job_items ADD COLUMN synced_at INTEGER;
    UPDATE job_items SET queued_at = updated_at WHERE outcome = 'queued';
    UPDATE job_items SET synced_at = updated_at WHERE state = 'final' AND outcome IN ('removed', 'already-absent');
    CREATE INDEX job_items_sync ON job_items (state, outcome, job_id, terminal);
    CREATE TRIGGER job_items_queued_at AFTER UPDATE OF outcome ON job_items
      WHEN NEW.outcome = 'queued' AND NEW.queued_at IS NULL
      BEGIN UPDATE job_items SET queued_at = NEW.updated_at WHERE id = NEW.id; END;
    CREATE TRIGGER job_items_synced_at AFTER UPDATE OF state ON job_items
      WHEN NEW.state = 'final' AND OLD.state != 'final' AND NEW.outcome IN ('removed', 'already-absent')
      BEGIN UPDATE job_items SET synced_at = NEW.updated_at WHERE id = NEW.id; END;
    CREATE TABLE sync_actions (
      id INTEGER PRIMARY KEY,
      op_id TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('retry', 'discard', 'supersede')),
      actor TEXT NOT NULL,
      note TEXT,
      at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sync_actions_op ON sync_actions (op_id, action);
    CREATE TABLE sync_drift (
      id INTEGER PRIMARY KEY,
      op_id TEXT NOT NULL,
      target TEXT NOT NULL,
      kind TEXT NOT NULL,
      detail TEXT NOT NULL,
      queued_at INTEGER,
      detected_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sync_drift_op ON sync_drift (op_id);
  `,
};
