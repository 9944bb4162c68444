import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { createJournal } from '../removal/journal.ts';
import type { PlannedItem } from '../removal/planner.ts';
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
});
