import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { dispatch } from '../ipc/dispatch.ts';
import { createJournal } from '../removal/journal.ts';
import type { PlannedItem } from '../removal/plan-ids.ts';
import { openDatabase, type Database } from './database.ts';
import { MIGRATIONS } from './migrations.ts';
import { storageError, storageFaultOf } from './storage-errors.ts';

/**
 * Storage faults: a full disk, a database another program holds locked, a read-only database and a corrupt
 * file each surface as a STORAGE error that says what to do, and leave nothing half-written.
 */
const ITEMS = 400;

function plannedItems(n: number): PlannedItem[] {
  return Array.from({ length: n }, (_, i) => ({
    seq: i,
    terminal: 'SN-1',
    terminalKind: 'sophon',
    line: i + 2,
    name: `Person ${i}`,
    personKey: String(100000 + i),
    idKind: 'identity_id',
    nativeId: String(100000 + i),
    faceId: '',
    failure: i % 2 === 0 ? null : { rawCode: 'plan:no-id', reason: 'No id for this terminal.' },
  }));
}

/** A journal with one job of {@link ITEMS} items, half of them failed (needing attention). */
function seeded(db: Database): ReturnType<typeof createJournal> {
  const journal = createJournal(db);
  journal.createJob('job-1', { mode: 'people', verify: false, devices: 'all' }, null, plannedItems(ITEMS));
  return journal;
}

/** What a half-written discard would leave: item changes and history rows. */
function snapshot(db: Database): { discarded: number; actions: number } {
  const discarded = db.sqlite.prepare(`SELECT COUNT(*) AS n FROM job_items WHERE outcome = 'cancelled'`).get() as {
    n: number;
  };
  const actions = db.sqlite.prepare('SELECT COUNT(*) AS n FROM sync_actions').get() as { n: number };
  return { discarded: discarded.n, actions: actions.n };
}

function caught(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('storage faults', () => {
  const dirs: string[] = [];
  const open: { close(): void }[] = [];
  const path = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'fcom-faults-'));
    dirs.push(dir);
    return join(dir, 'fcom.sqlite');
  };
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('a full disk: the discard fails as STORAGE "full" and nothing of it is written', () => {
    const db = openDatabase(path());
    open.push(db);
    const journal = seeded(db);
    // The database may not grow any more: like a disk with no free space left.
    const pages = (db.sqlite.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    db.sqlite.exec(`PRAGMA max_page_count = ${pages}`);
    const error = caught(() =>
      journal.discardItems('all-needs-attention', { actor: 'test', at: 1, note: 'x'.repeat(2000) }),
    );
    expect(error.code).toBe('STORAGE');
    expect(error.details).toMatchObject({ fault: 'full' });
    expect(error.message).toMatch(/is full( \(free \d+ MB\))?: nothing of this action was saved. Free some disk space/);
    expect(snapshot(db)).toEqual({ discarded: 0, actions: 0 });
    // With room again, the same discard goes through whole.
    db.sqlite.exec('PRAGMA max_page_count = 1073741823');
    expect(journal.discardItems('all-needs-attention', { actor: 'test', at: 1, note: 'x'.repeat(2000) })).toMatchObject(
      {
        count: ITEMS / 2,
      },
    );
    expect(snapshot(db)).toEqual({ discarded: ITEMS / 2, actions: ITEMS / 2 });
  });

  it('a database locked by another program: STORAGE "locked", nothing written, and it works once released', async () => {
    const file = path();
    const db = openDatabase(file, MIGRATIONS, { busyTimeoutMs: 50 });
    open.push(db);
    const journal = seeded(db);
    const other = new DatabaseSync(file);
    open.push(other);
    other.exec('BEGIN IMMEDIATE'); // another process holds the write lock
    const error = caught(() => journal.discardItems('all-needs-attention', { actor: 'test', at: 1 }));
    expect(error).toMatchObject({ code: 'STORAGE', details: { fault: 'locked' } });
    expect(error.message).toMatch(/locked by another program.*Close the other program/);
    other.exec('ROLLBACK');
    expect(snapshot(db)).toEqual({ discarded: 0, actions: 0 });
    expect(journal.discardItems('all-needs-attention', { actor: 'test', at: 1 }).count).toBe(ITEMS / 2);
  });

  it('a single statement on a locked database reaches the UI as STORAGE through the contract', async () => {
    const fault = Object.assign(new Error('database is locked'), { code: 'ERR_SQLITE_ERROR', errcode: 5 });
    const handlers = { 'status:get': () => Promise.reject(fault) } as never;
    const result = await dispatch(handlers, 'status:get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE', details: { fault: 'locked' } } });
  });

  it('a read-only database: STORAGE "readonly", nothing written', () => {
    const db = openDatabase(path());
    open.push(db);
    const journal = seeded(db);
    db.sqlite.exec('PRAGMA query_only = ON');
    const error = caught(() => journal.discardItems('all-needs-attention', { actor: 'test', at: 1 }));
    expect(error).toMatchObject({ code: 'STORAGE', details: { fault: 'readonly' } });
    db.sqlite.exec('PRAGMA query_only = OFF');
    expect(snapshot(db)).toEqual({ discarded: 0, actions: 0 });
  });

  it('a corrupt file: STORAGE "corrupt" saying to move it aside, and the file is left as it was', () => {
    const file = path();
    const garbage = 'SQLite format 3 but not really; '.repeat(200);
    writeFileSync(file, garbage);
    const error = caught(() => openDatabase(file));
    expect(error).toMatchObject({ code: 'STORAGE', details: { fault: 'corrupt', path: file } });
    expect(error.message).toMatch(/damaged or is not a Face Commissioner database.*move the file aside/);
  });

  it('maps SQLite and file-system codes to faults', () => {
    const sqlite = (errcode: number) => Object.assign(new Error('x'), { code: 'ERR_SQLITE_ERROR', errcode });
    expect([13, 5, 6, 262, 11, 26, 8, 10, 1].map((c) => storageFaultOf(sqlite(c)))).toEqual([
      'full',
      'locked',
      'locked',
      'locked', // SQLITE_LOCKED_SHAREDCACHE: extended codes keep their primary code in the low byte
      'corrupt',
      'corrupt',
      'readonly',
      'io',
      null,
    ]);
    expect(storageFaultOf(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe('full');
    expect(storageError(null, new Error('odd')).message).toMatch(/in the data directory/);
  });
});
