import type { Migration } from './migration.ts';

/** Migration 3: removal journal: jobs, items, batches. */
export const MIGRATION_3: Migration = {
  version: 3,
  name: 'removal journal: jobs, items, batches',
  // The write-ahead journal of bulk removal (electron/core/removal/README.md). An item exists once per
  // job, terminal and id; a batch is one request, recorded as 'sending' before it goes out.
  sql: `
    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('planned', 'running', 'paused', 'done', 'failed', 'cancelled')),
      options TEXT NOT NULL,
      label TEXT,
      error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;
    CREATE INDEX jobs_state ON jobs (state);
    CREATE TABLE job_batches (
      id INTEGER PRIMARY KEY,
      job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      terminal TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('sending', 'acknowledged', 'failed', 'unknown', 'reconciled')),
      ids TEXT NOT NULL,
      error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX job_batches_open ON job_batches (job_id, terminal, state);
    CREATE TABLE job_items (
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
      outcome TEXT CHECK (outcome IN ('removed', 'already-absent', 'failed', 'queued', 'cancelled')),
      raw_code TEXT,
      reason TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      batch_id INTEGER REFERENCES job_batches (id),
      verified INTEGER,
      retryable INTEGER NOT NULL DEFAULT 1,
      updated_at INTEGER NOT NULL,
      UNIQUE (job_id, terminal, id_kind, native_id, face_id)
    ) STRICT;
    CREATE INDEX job_items_work ON job_items (job_id, terminal, state, seq);
    CREATE INDEX job_items_outcome ON job_items (job_id, outcome);
    CREATE INDEX job_items_batch ON job_items (batch_id);
  `,
};
