import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { createJournal, type Journal } from './journal.ts';
import { createJournalReader, type JournalReader } from './journal-read.ts';
import type { PlannedItem } from './plan-ids.ts';

/** Items of a person on T-B (BAS-IP) and T-A (Sophon), planned in that order to check the sorting. */
function plannedItems(people: number): PlannedItem[] {
  const items: PlannedItem[] = [];
  for (const [terminal, kind] of [
    ['T-B', 'basip'],
    ['T-A', 'sophon'],
  ] as const) {
    for (let p = 0; p < people; p++) {
      const nativeId = String(1000 + p);
      items.push({
        seq: items.length,
        terminal,
        terminalKind: kind,
        line: p + 2,
        name: `P${p}`,
        personKey: nativeId,
        idKind: kind === 'sophon' ? 'identity_id' : 'uid',
        nativeId,
        faceId: '',
        failure: null,
      });
    }
  }
  return items;
}

describe('removal journal reader', () => {
  let dir: string;
  let db: Database;
  let journal: Journal;
  let reader: JournalReader;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-journal-read-'));
    db = openDatabase(join(dir, 'fcom.sqlite'));
    journal = createJournal(db);
    reader = createJournalReader(db);
    journal.createJob('J', { mode: 'people', verify: true, devices: 'all' }, 'list.csv', plannedItems(6));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers jobs:show with counts, verification sums and terminals from one count, and pages in plan order', () => {
    // T-B: 4 removed, read back (3 confirmed absent, 1 still present), then 2 already absent (not verified yet);
    // T-A untouched.
    const batch = journal.claimBatch('J', 'T-B', 4)!;
    journal.acknowledge(
      batch.id,
      batch.items.map((item) => ({ itemId: item.id, outcome: 'removed', rawCode: 'success', reason: null })),
    );
    const ids = batch.items.map((item) => item.id);
    journal.recordVerification('J', 'T-B', [ids[2]!]);
    const later = journal.claimBatch('J', 'T-B', 2)!;
    journal.acknowledge(
      later.id,
      later.items.map((item) => ({
        itemId: item.id,
        outcome: 'already-absent',
        rawCode: 'ID_NOT_FOUND',
        reason: null,
      })),
    );

    const shown = reader.show(reader.job('J')!, { jobId: 'J', outcome: 'removed', offset: 1, limit: 2 });
    // Unverified: the two already absent after the read (verification reads those too).
    expect(shown.job).toMatchObject({ total: 12, terminals: 2, verified: 3, unverified: 2 });
    expect(shown.job.counts).toMatchObject({ removed: 3, failed: 1, 'already-absent': 2, pending: 6 });
    expect(shown.terminals.map((t) => [t.serial, t.kind, t.counts.pending])).toEqual([
      ['T-A', 'sophon', 6],
      ['T-B', 'basip', 0],
    ]);
    expect(shown.matching).toBe(3);
    expect(shown.items.map((item) => item.seq)).toEqual([1, 3]);
    expect(reader.summary(reader.job('J')!)).toEqual(shown.job);
    expect(reader.terminals('J')).toEqual(shown.terminals);
  });

  it('keeps whole-job counts only until the next write, from this connection or another one', () => {
    const shown = () => reader.show(reader.job('J')!, { jobId: 'J', outcome: 'removed', offset: 0, limit: 10 });
    expect(shown()).toMatchObject({ matching: 0, job: { counts: { pending: 12 } } });
    const batch = journal.claimBatch('J', 'T-A', 2)!;
    journal.acknowledge(
      batch.id,
      batch.items.map((item) => ({ itemId: item.id, outcome: 'removed', rawCode: 'success', reason: null })),
    );
    expect(shown()).toMatchObject({ matching: 2, job: { counts: { pending: 10, removed: 2 } } });

    const other = openDatabase(db.path);
    try {
      other.sqlite.exec(`UPDATE job_items SET outcome = 'removed', state = 'final' WHERE job_id = 'J' AND seq = 0`);
    } finally {
      other.close();
    }
    expect(shown()).toMatchObject({ matching: 3, job: { counts: { pending: 9, removed: 3 } } });
  });

  it('answers how many items match each filter, per job and per terminal, as a count of the items would', () => {
    // Every state an item can be in: removed, failed, already absent, unconfirmed, queued while pending, queued
    // while its request is out (a mark on a sending item), pending, and cancelled.
    const answer = (terminal: string, size: number, outcome: 'removed' | 'failed' | 'already-absent'): void => {
      const batch = journal.claimBatch('J', terminal, size)!;
      journal.acknowledge(
        batch.id,
        batch.items.map((item) => ({ itemId: item.id, outcome, rawCode: outcome, reason: null })),
      );
    };
    answer('T-B', 2, 'removed');
    answer('T-B', 1, 'failed');
    answer('T-B', 1, 'already-absent');
    const unanswered = journal.claimBatch('J', 'T-B', 1)!;
    journal.markUnknown(unanswered.id, 'no answer');
    journal.settleUnconfirmed('J', 'T-B', { rawCode: 'unreadable', reason: 'no read' });
    journal.claimBatch('J', 'T-A', 2);
    journal.queueTerminal('J', 'T-A');
    const filters = [undefined, 'pending', 'queued', 'removed', 'already-absent', 'failed', 'unconfirmed', 'cancelled'];
    const expectAgreement = (): void => {
      for (const terminal of [undefined, 'T-A', 'T-B', 'T-UNKNOWN']) {
        for (const outcome of filters) {
          const condition =
            outcome === undefined
              ? ''
              : outcome === 'pending'
                ? ` AND state != 'final' AND outcome IS NULL`
                : outcome === 'queued'
                  ? ` AND state != 'final' AND outcome = 'queued'`
                  : ` AND state = 'final' AND outcome = '${outcome}'`;
          const counted = db.sqlite
            .prepare(
              `SELECT COUNT(*) AS n FROM job_items WHERE job_id = 'J'${terminal ? ' AND terminal = ?' : ''}${condition}`,
            )
            .get(...(terminal ? [terminal] : [])) as { n: number };
          const shown = reader.show(reader.job('J')!, {
            jobId: 'J',
            offset: 0,
            limit: 1,
            ...(terminal ? { terminal } : {}),
            ...(outcome ? { outcome: outcome as 'pending' } : {}),
          });
          expect({ terminal, outcome, matching: shown.matching }).toEqual({ terminal, outcome, matching: counted.n });
        }
      }
    };
    expectAgreement();
    expect(reader.show(reader.job('J')!, { jobId: 'J', outcome: 'queued', offset: 0, limit: 10 }).matching).toBe(6);
    // Cancelled: T-B's one pending item and T-A's six queued ones.
    journal.cancelRemaining('J');
    expectAgreement();
    expect(reader.show(reader.job('J')!, { jobId: 'J', outcome: 'cancelled', offset: 0, limit: 10 }).matching).toBe(7);
  });

  it('reads pages and counts of large jobs from indexes, without sorting the whole job', () => {
    const plan = (query: string, ...params: (string | number)[]): string[] =>
      (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    const page = plan('SELECT * FROM job_items WHERE job_id = ? ORDER BY seq LIMIT 100 OFFSET 5000', 'J');
    const failedPage = plan(
      `SELECT * FROM job_items WHERE job_id = ? AND state = 'final' AND outcome = 'failed' ORDER BY seq LIMIT 100`,
      'J',
    );
    const counts = plan(
      `SELECT terminal, outcome, verified, COUNT(*) FROM job_items WHERE job_id = ?
       GROUP BY terminal, outcome, verified ORDER BY terminal`,
      'J',
    );
    for (const steps of [page, failedPage]) expect(steps.join(' | ')).not.toMatch(/TEMP B-TREE/);
    // Grouped in index order; only the few groups (terminals x outcomes) are sorted by serial.
    expect(counts.join(' | ')).toMatch(/COVERING INDEX job_items_counts/);
    expect(counts.join(' | ')).not.toMatch(/TEMP B-TREE FOR GROUP BY/);
  });
});
