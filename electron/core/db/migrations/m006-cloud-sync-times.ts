import type { Migration } from './migration.ts';

/** Migration 6: cloud sync queue: queued/synced times of push channels and Alibaba items. */
export const MIGRATION_6: Migration = {
  version: 6,
  name: 'cloud sync queue: queued/synced times of push channels and Alibaba items',
  // What migration 5 gave job_items, for the cloud operations (push_channels, aliyun_items): queued_at is
  // set by the journals' setQueued the first time the cloud does not answer and never overwritten
  // (COALESCE), synced_at by a trigger when the row reaches a done outcome, in the same statement.
  // Backfill: a row queued now gets its job's created_at (it has waited since its job was journaled: the
  // usual case is a cloud offline from the start; the row's updated_at would be the LAST time a pass
  // re-marked it, later than the truth); rows not queued now get NULL (whether they ever waited is
  // unknown); done rows get synced_at = updated_at (a final row is not changed again, so it is the time of
  // the acknowledged outcome).
  sql: `
    ALTER TABLE push_channels ADD COLUMN queued_at INTEGER;
    ALTER TABLE push_channels ADD COLUMN synced_at INTEGER;
    ALTER TABLE aliyun_items ADD COLUMN queued_at INTEGER;
    ALTER TABLE aliyun_items ADD COLUMN synced_at INTEGER;
    UPDATE push_channels SET queued_at = (SELECT j.created_at FROM jobs j WHERE j.id = push_channels.job_id)
      WHERE state != 'final' AND outcome = 'queued';
    UPDATE aliyun_items SET queued_at = (SELECT j.created_at FROM jobs j WHERE j.id = aliyun_items.job_id)
      WHERE state != 'final' AND outcome = 'queued';
    UPDATE push_channels SET synced_at = updated_at WHERE state = 'final' AND outcome = 'done';
    UPDATE aliyun_items SET synced_at = updated_at WHERE state = 'final' AND outcome IN ('removed', 'already-absent');
    CREATE TRIGGER push_channels_synced_at AFTER UPDATE OF state ON push_channels
      WHEN NEW.state = 'final' AND OLD.state != 'final' AND NEW.outcome = 'done'
      BEGIN UPDATE push_channels SET synced_at = NEW.updated_at WHERE id = NEW.id; END;
    CREATE TRIGGER aliyun_items_synced_at AFTER UPDATE OF state ON aliyun_items
      WHEN NEW.state = 'final' AND OLD.state != 'final' AND NEW.outcome IN ('removed', 'already-absent')
      BEGIN UPDATE aliyun_items SET synced_at = NEW.updated_at WHERE id = NEW.id; END;
  `,
};
