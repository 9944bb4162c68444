import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { createCommitGroup } from './commit-group.ts';

let dir: string;
let db: Database;

function open(): Database {
  dir = mkdtempSync(join(tmpdir(), 'fcom-commit-group-'));
  db = openDatabase(join(dir, 'db.sqlite'), []);
  db.sqlite.exec('CREATE TABLE t (v INTEGER UNIQUE)');
  return db;
}

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('commit group', () => {
  it('commits writes handed over in the same turn together, and answers only after the commit', async () => {
    open();
    let transactions = 0;
    const counted: Database = {
      ...db,
      transaction: (work) => {
        transactions++;
        return db.transaction(work);
      },
    };
    const group = createCommitGroup(counted);
    const insert = db.sqlite.prepare('INSERT INTO t (v) VALUES (?)');
    const other = new DatabaseSync(db.path);
    const countOther = (): number => (other.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;
    const seen: number[] = [];
    const writes = [1, 2, 3].map((v) =>
      group
        .run(() => {
          insert.run(v);
          return v * 10;
        })
        .then((value) => {
          // Answered once committed: another connection already sees every row of the group.
          seen.push(countOther());
          return value;
        }),
    );
    expect(countOther()).toBe(0);
    expect(await Promise.all(writes)).toEqual([10, 20, 30]);
    expect(seen).toEqual([3, 3, 3]);
    expect(transactions).toBe(1);
    other.close();
  });

  it('one failing write is undone alone; the others of its group are committed', async () => {
    open();
    const group = createCommitGroup(db);
    const insert = db.sqlite.prepare('INSERT INTO t (v) VALUES (?)');
    const results = await Promise.allSettled([
      group.run(() => insert.run(1)),
      group.run(() => {
        insert.run(2);
        insert.run(1); // UNIQUE violation: this work's own insert of 2 is rolled back too
      }),
      group.run(() => insert.run(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const values = db.sqlite.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[];
    expect(values.map((r) => r.v)).toEqual([1, 3]);
  });

  it("runs the journal's own transactions inside the group's, and alone outside it", async () => {
    open();
    const group = createCommitGroup(db);
    const insert = db.sqlite.prepare('INSERT INTO t (v) VALUES (?)');
    await group.run(() => group.db.transaction(() => insert.run(7)));
    group.db.transaction(() => insert.run(8));
    expect(db.sqlite.isTransaction).toBe(false);
    const values = db.sqlite.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[];
    expect(values.map((r) => r.v)).toEqual([7, 8]);
  });
});
