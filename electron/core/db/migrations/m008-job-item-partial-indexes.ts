import type { Migration } from './migration.ts';

/** Migration 8: job items: fewer index entries per state change (partial indexes). */
export const MIGRATION_8: Migration = {
  version: 8,
  name: 'job items: fewer index entries per state change (partial indexes)',
  // Measured on the removal bench (100,000 items): claiming a batch and recording its answer took most of
  // the app's thread, because each item's change rewrote entries of five indexes holding `state`. Now an
  // item is in the claim index only while unfinished (job_items_open), in the batch index only while its
  // request is out (job_items_sending, with its outcome: a queued mark on an item in flight is found
  // from the index alone), in the final-outcome page index only once final (job_items_done);
  // job_items_sync goes (the sync queue counts from job_items_counts), and job_items_counts drops `state`:
  // an item is final exactly when its outcome is one of the final outcomes, so a claim (pending -> sending)
  // touches no count entry. The synced_at trigger skips rows whose statement already set synced_at (the
  // journal's answers do, so an answer writes each row once, not twice). Queries name the partial
  // indexes' conditions literally (`state != 'final' AND state = 'pending'`) so SQLite can use them.
  sql: `
    DROP INDEX job_items_work;
    DROP INDEX job_items_batch;
    DROP INDEX job_items_sync;
    DROP INDEX job_items_filter;
    DROP INDEX job_items_counts;
    CREATE INDEX job_items_open ON job_items (job_id, terminal, state, seq) WHERE state != 'final';
    CREATE INDEX job_items_sending ON job_items (batch_id, outcome) WHERE state = 'sending';
    CREATE INDEX job_items_done ON job_items (job_id, outcome, seq) WHERE state = 'final';
    CREATE INDEX job_items_counts ON job_items (job_id, terminal, outcome, verified);
    DROP TRIGGER job_items_synced_at;
    CREATE TRIGGER job_items_synced_at AFTER UPDATE OF state ON job_items
      WHEN NEW.state = 'final' AND OLD.state != 'final' AND NEW.outcome IN ('removed', 'already-absent')
        AND NEW.synced_at IS NOT NEW.updated_at
      BEGIN UPDATE job_items SET synced_at = NEW.updated_at WHERE id = NEW.id; END;
  `,
};
