import type { Migration } from './migration.ts';

/**
 * Migration 17: job items lose the index of their ids (issue 19). The table's `UNIQUE (job_id, terminal, id_kind,
 * native_id, face_id)` kept one entry per item in the order of the terminals' ids, which a list gives in no
 * order: journaling a plan of 10,000 people on 50 terminals wrote into almost every page of that index at every
 * commit (measured: 12.3 s to journal 500,000 items with it, 3.9 s without). An item is still journaled once per
 * job, terminal and id: the plan drops duplicates (plan-profile.ts), the journal refuses a list that repeats
 * one (journal-plan.ts), and a round is journaled once (migration 16's cursor). The one lookup by id (which
 * unverified items a complete read still lists) reads the terminal's unverified items once instead.
 * SQLite cannot drop a table constraint: the table is rebuilt with the same columns, indexes and triggers.
 */
export const MIGRATION_17: Migration = {
  version: 17,
  name: 'job items: no index of their ids',
  sql: `
    CREATE TABLE job_items_v17 (
      id INTEGER PRIMARY KEY,
      job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      terminal TEXT NOT NULL,
      terminal_kind TEXT NOT NULL,
      line INTEGER,
      name TEXT,
      person_key TEXT NOT NULL,
      id_kind TEXT NOT NULL,
      native_id TEXT NOT NULL,
      face_id TEXT NOT NULL DEFAULT '',
      state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'final')),
      outcome TEXT CHECK (outcome IN ('removed', 'already-absent', 'failed', 'queued', 'cancelled', 'unconfirmed')),
      raw_code TEXT,
      reason TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      batch_id INTEGER REFERENCES job_batches (id),
      verified INTEGER,
      retryable INTEGER NOT NULL DEFAULT 1,
      updated_at INTEGER NOT NULL,
      queued_at INTEGER,
      synced_at INTEGER,
      evidence TEXT CHECK (evidence IN ('answer', 'not-found', 'item-error', 'read-before', 'read-back', 'plan'))
    ) STRICT;
    INSERT INTO job_items_v17 SELECT id, job_id, seq, terminal, terminal_kind, line, name, person_key, id_kind,
      native_id, face_id, state, outcome, raw_code, reason, attempts, batch_id, verified, retryable, updated_at,
      queued_at, synced_at, evidence
    FROM job_items;
    DROP TABLE job_items;
    ALTER TABLE job_items_v17 RENAME TO job_items;
    CREATE INDEX job_items_page ON job_items (job_id, seq);
    CREATE INDEX job_items_open ON job_items (job_id, terminal, state, seq) WHERE state != 'final';
    CREATE INDEX job_items_sending ON job_items (batch_id, outcome) WHERE state = 'sending';
    CREATE INDEX job_items_done ON job_items (job_id, outcome, seq) WHERE state = 'final';
    CREATE INDEX job_items_counts ON job_items (job_id, terminal, outcome, verified);
    CREATE TRIGGER job_items_queued_at AFTER UPDATE OF outcome ON job_items
      WHEN NEW.outcome = 'queued' AND NEW.queued_at IS NULL
      BEGIN UPDATE job_items SET queued_at = NEW.updated_at WHERE id = NEW.id; END;
    CREATE TRIGGER job_items_synced_at AFTER UPDATE OF state ON job_items
      WHEN NEW.state = 'final' AND OLD.state != 'final' AND NEW.outcome IN ('removed', 'already-absent')
        AND NEW.synced_at IS NOT NEW.updated_at
      BEGIN UPDATE job_items SET synced_at = NEW.updated_at WHERE id = NEW.id; END;
  `,
};
