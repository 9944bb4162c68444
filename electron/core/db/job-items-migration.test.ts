import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { MIGRATIONS } from './migrations.ts';

const ITEM_COLUMNS = `job_id, seq, terminal, terminal_kind, person_key, id_kind, native_id, state, outcome, evidence,
  verified, updated_at, synced_at`;

/** Migration 17 on a database written by version 16: job items keep every row, index and trigger but the id index. */
describe('migration 17: job items without the index of their ids', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every item as it was, its indexes and triggers, and no longer indexes the ids', () => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-m17-'));
    const path = join(dir, 'db.sqlite');
    const v16 = openDatabase(
      path,
      MIGRATIONS.filter((m) => m.version <= 16),
    );
    v16.sqlite.exec(`INSERT INTO jobs (id, kind, state, options, created_at, updated_at)
      VALUES ('J', 'remove', 'running', '{}', 1, 1)`);
    const insert = v16.sqlite.prepare(`INSERT INTO job_items (${ITEM_COLUMNS})
      VALUES ('J', ?, 'T1', 'sophon', ?, 'identity_id', ?, ?, ?, ?, ?, 5, ?)`);
    insert.run(0, 'p0', 'a', 'final', 'removed', 'answer', 1, 5);
    insert.run(1, 'p1', 'b', 'pending', null, null, null, null);
    const before = v16.sqlite.prepare(`SELECT id, ${ITEM_COLUMNS} FROM job_items ORDER BY id`).all();
    expect(
      v16.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name = 'sqlite_autoindex_job_items_1'`).get(),
    ).toBeDefined();
    v16.close();

    const db = openDatabase(path);
    try {
      expect(db.schemaVersion).toBeGreaterThanOrEqual(17);
      expect(db.sqlite.prepare(`SELECT id, ${ITEM_COLUMNS} FROM job_items ORDER BY id`).all()).toEqual(before);
      const names = (
        db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE tbl_name = 'job_items' ORDER BY name`).all() as {
          name: string;
        }[]
      ).map((r) => r.name);
      expect(names).toEqual([
        'job_items',
        'job_items_counts',
        'job_items_done',
        'job_items_open',
        'job_items_page',
        'job_items_queued_at',
        'job_items_sending',
        'job_items_synced_at',
      ]);
      // The triggers still work: a pending item answered removed gets its synced_at, a queued one its queued_at.
      db.sqlite.exec(`UPDATE job_items SET state = 'final', outcome = 'removed', updated_at = 9 WHERE native_id = 'b'`);
      expect(db.sqlite.prepare(`SELECT synced_at AS s FROM job_items WHERE native_id = 'b'`).get()).toEqual({ s: 9 });
      db.sqlite.exec(`UPDATE job_items SET outcome = 'queued', updated_at = 11 WHERE native_id = 'a'`);
      expect(db.sqlite.prepare(`SELECT queued_at AS q FROM job_items WHERE native_id = 'a'`).get()).toEqual({ q: 11 });
    } finally {
      db.close();
    }
  });
});
