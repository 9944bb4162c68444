import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { createJournal } from '../removal/journal.ts';
import type { PlannedItem } from '../removal/plan-ids.ts';
import { openDatabase } from './database.ts';

/** A size-limited temporary filesystem needs Linux and root (mount). */
const canMount = process.platform === 'linux' && process.getuid?.() === 0;

function plannedItems(job: number, n: number): PlannedItem[] {
  return Array.from({ length: n }, (_, i) => ({
    seq: i,
    terminal: `SN-${job}`,
    terminalKind: 'sophon',
    line: i + 2,
    name: `Person ${job}-${i} ${'x'.repeat(200)}`,
    personKey: String(100000 + i),
    idKind: 'identity_id',
    nativeId: String(100000 + i),
    faceId: '',
    failure: null,
  }));
}

describe.skipIf(!canMount)('a full disk under the journal (a 2 MiB tmpfs; Linux, root)', () => {
  let mountPoint = '';

  beforeAll(() => {
    mountPoint = mkdtempSync(join(tmpdir(), 'fcom-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
  });
  afterAll(() => {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('journaling until the disk is full gives a STORAGE "full" error and loses nothing already written', () => {
    const file = join(mountPoint, 'fcom.sqlite');
    const db = openDatabase(file);
    const journal = createJournal(db);
    const written: string[] = [];
    let failure: unknown;
    for (let job = 0; job < 500 && failure === undefined; job++) {
      try {
        journal.createJob(
          `job-${job}`,
          { mode: 'people', verify: false, devices: 'all' },
          null,
          plannedItems(job, 200),
        );
        written.push(`job-${job}`);
      } catch (error) {
        failure = error;
      }
    }
    expect(failure, 'the 2 MiB filesystem never filled').toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'STORAGE', details: { fault: 'full' } });
    expect(written.length).toBeGreaterThan(0);

    // Every job that was acknowledged is there whole, and the half-written one is not there at all.
    const count = (sql: string, ...args: string[]): number => (db.sqlite.prepare(sql).get(...args) as { n: number }).n;
    for (const jobId of written) expect(count('SELECT COUNT(*) AS n FROM job_items WHERE job_id = ?', jobId)).toBe(200);
    expect(count('SELECT COUNT(*) AS n FROM jobs WHERE id = ?', `job-${written.length}`)).toBe(0);
    db.close();

    const reopened = openDatabase(file);
    expect(
      (reopened.sqlite.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check,
    ).toBe('ok');
    expect((reopened.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n).toBe(written.length);
    reopened.close();
  });

  it('opening the database on a disk filled by something else says "full" with the free MB, not a broken disk', () => {
    // What `fcom jobs list` met: SQLite cannot create its -wal/-shm files and says "disk I/O error".
    // A disk of its own (the test above left the first one full).
    const dir = mkdtempSync(join(tmpdir(), 'fcom-tmpfs-reopen-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
    onTestFinished(() => {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    });
    const file = join(dir, 'fcom.sqlite');
    const db = openDatabase(file);
    createJournal(db);
    db.close();
    const fillers: string[] = [];
    try {
      for (let i = 0; ; i++) {
        const filler = join(dir, `filler-${i}`);
        writeFileSync(filler, Buffer.alloc(16 * 1024));
        fillers.push(filler);
      }
    } catch {
      // full
    }
    let failure: unknown;
    try {
      openDatabase(file).close();
    } catch (error) {
      failure = error;
    }
    for (const filler of fillers) rmSync(filler, { force: true });
    expect(failure, 'the database opened on a full disk').toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'STORAGE', details: { fault: 'full', freeMb: 0 } });
    expect((failure as AppError).message).toMatch(/is full \(free 0 MB\)/);
  });
});
