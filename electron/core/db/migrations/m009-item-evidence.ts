import type { Migration } from './migration.ts';

const EVIDENCE_CHECK = `CHECK (evidence IN ('answer', 'not-found', 'item-error', 'read-before', 'read-back', 'plan'))`;

/** Migration 9: job items: the `unconfirmed` outcome and the evidence that decided each outcome (issue 14). */
export const MIGRATION_9: Migration = {
  version: 9,
  name: 'job items: unconfirmed outcome and evidence per item',
  // SQLite cannot change a CHECK constraint in place, so job_items is rebuilt (nothing references it) with
  // the same columns plus `evidence`, and its indexes and triggers are made again as migration 8 left them.
  // Existing outcomes get the evidence their raw codes show: a re-check read (recheck:absent) is a read-back,
  // drift (drift:absent) a read before sending, plan-time failures 'plan', other removals the terminal's
  // answer, other "already absent" its "not found". aliyun_items gains the column (its outcomes stay).
  // job_batches gains `answered_at`: a batch the terminal answered without a per-item result for some of its
  // items stays open ('unknown') for a read, but needs no wait for the request to end on the device.
  sql: `
    CREATE TABLE job_items_v9 (
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
      evidence TEXT ${EVIDENCE_CHECK},
      UNIQUE (job_id, terminal, id_kind, native_id, face_id)
    ) STRICT;
    INSERT INTO job_items_v9 (id, job_id, seq, terminal, terminal_kind, line, name, person_key, id_kind, native_id,
      face_id, state, outcome, raw_code, reason, attempts, batch_id, verified, retryable, updated_at, queued_at,
      synced_at, evidence)
    SELECT id, job_id, seq, terminal, terminal_kind, line, name, person_key, id_kind, native_id, face_id, state,
      outcome, raw_code, reason, attempts, batch_id, verified, retryable, updated_at, queued_at, synced_at,
      CASE
        WHEN outcome = 'removed' AND raw_code = 'recheck:absent' THEN 'read-back'
        WHEN outcome = 'removed' THEN 'answer'
        WHEN outcome = 'already-absent' AND raw_code = 'drift:absent' THEN 'read-before'
        WHEN outcome = 'already-absent' THEN 'not-found'
        WHEN outcome = 'failed' AND raw_code LIKE 'plan:%' THEN 'plan'
        ELSE NULL
      END
    FROM job_items;
    DROP TABLE job_items;
    ALTER TABLE job_items_v9 RENAME TO job_items;
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
    ALTER TABLE aliyun_items ADD COLUMN evidence TEXT ${EVIDENCE_CHECK};
    ALTER TABLE job_batches ADD COLUMN answered_at INTEGER;
  `,
};
