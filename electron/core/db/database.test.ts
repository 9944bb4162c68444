import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { openDatabase } from './database.ts';
import { MIGRATIONS } from './migrations.ts';

describe('openDatabase', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'fcom-db-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the file in WAL mode and applies every migration once', () => {
    const path = join(tempDir(), 'nested', 'fcom.sqlite');
    const first = openDatabase(path);
    const mode = first.sqlite.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    expect(mode.journal_mode).toBe('wal');
    expect(first.schemaVersion).toBeGreaterThanOrEqual(1);
    first.close();

    const again = openDatabase(path);
    // FULL (2): a commit is on the disk before it returns (power-loss safety; test/power-loss proves it).
    expect((again.sqlite.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous).toBe(2);
    const rows = again.sqlite.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    // Numbers may have gaps (steps landing in parallel): every listed step once, the highest one the version.
    expect(rows.n).toBe(MIGRATIONS.length);
    expect(again.schemaVersion).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    again.close();
  });

  it('applies a step numbered below one already applied (work landing from a parallel branch)', () => {
    const path = join(tempDir(), 'fcom.sqlite');
    const step = (version: number, table: string) => ({
      version,
      name: table,
      sql: `CREATE TABLE ${table} (x INTEGER)`,
    });
    openDatabase(path, [step(1, 'a'), step(3, 'c')]).close();
    const db = openDatabase(path, [step(1, 'a'), step(2, 'b'), step(3, 'c')]);
    expect(db.schemaVersion).toBe(3);
    const tables = db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b', 'c')`);
    expect((tables.all() as { name: string }[]).map((t) => t.name).sort()).toEqual(['a', 'b', 'c']);
    const versions = db.sqlite.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    db.close();
  });

  it('rolls back a failed transaction completely', () => {
    const db = openDatabase(join(tempDir(), 'fcom.sqlite'));
    expect(() =>
      db.transaction(() => {
        db.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('a', '1');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    const row = db.sqlite.prepare('SELECT COUNT(*) AS n FROM settings').get() as { n: number };
    expect(row.n).toBe(0);
    db.close();
  });

  it('reports a corrupt file as a STORAGE error naming the file', () => {
    const path = join(tempDir(), 'corrupt.sqlite');
    writeFileSync(path, 'this is not a database, just text that fills the header '.repeat(100));
    let caught: unknown;
    try {
      openDatabase(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('STORAGE');
    expect((caught as AppError).message).toContain(path);
  });
});
