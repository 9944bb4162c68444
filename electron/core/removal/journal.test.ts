import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { createJournal, type Journal } from './journal.ts';
import { RECHECK_ABSENT } from './journal-types.ts';
import { createJournalReader, type JournalReader } from './journal-read.ts';
import type { PlannedItem } from './plan-ids.ts';

function item(seq: number, nativeId: string, extra: Partial<PlannedItem> = {}): PlannedItem {
  return {
    seq,
    terminal: 'T1',
    terminalKind: 'basip',
    line: seq + 2,
    name: null,
    personKey: nativeId,
    idKind: 'link_id',
    nativeId,
    faceId: '',
    failure: null,
    ...extra,
  };
}

describe('removal journal', () => {
  let dir: string;
  let db: Database;
  let journal: Journal;
  let reader: JournalReader;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-journal-'));
    db = openDatabase(join(dir, 'fcom.sqlite'));
    journal = createJournal(db);
    reader = createJournalReader(db);
    journal.createJob('J', { mode: 'people', verify: false, devices: 'all' }, 'list.csv', [
      item(0, 'a'),
      item(1, 'b'),
      item(2, '7', { idKind: 'uid' }),
      item(3, 'c'),
      item(4, 'x', { failure: { rawCode: 'plan:no-id', reason: 'no id' } }),
    ]);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every item once, with the plan-time failures final at once', () => {
    const counts = reader.counts('J').total;
    expect(counts).toMatchObject({ pending: 4, failed: 1 });
    expect(() =>
      journal.createJob('J2', { mode: 'people', verify: false, devices: 'all' }, null, [item(0, 'a'), item(1, 'a')]),
    ).toThrow(/planned twice/);
    expect(reader.job('J2')).toBeUndefined(); // the whole job or nothing
  });

  it('claims one kind of id per batch, records it sending before the request, and its answer in one go', () => {
    const batch = journal.claimBatch('J', 'T1', 10);
    expect(batch?.items.map((i) => i.nativeId)).toEqual(['a', 'b', 'c']);
    expect(batch?.items.every((i) => i.attempts === 1)).toBe(true);
    expect(reader.items({ jobId: 'J', offset: 0, limit: 10, outcome: 'pending' }).matching).toBe(4);
    const stored = db.sqlite.prepare('SELECT state, ids FROM job_batches').all();
    expect(stored).toEqual([{ state: 'sending', ids: '["a","b","c"]' }]);
    const [a, b, c] = batch?.items ?? [];
    journal.acknowledge(
      batch?.id as number,
      [
        { itemId: a?.id as number, outcome: 'removed', rawCode: 'deleted', reason: null },
        { itemId: b?.id as number, outcome: 'already-absent', rawCode: 'entity_not_found', reason: null },
        { itemId: c?.id as number, outcome: 'failed', rawCode: 'has_dublicates', reason: 'dup' },
      ],
      2,
    );
    // The terminal's per-item failure goes back to pending while it has attempts left.
    expect(reader.counts('J').total).toMatchObject({ removed: 1, 'already-absent': 1, pending: 2 });
    expect(journal.claimBatch('J', 'T1', 10)?.items.map((i) => i.nativeId)).toEqual(['7']);
  });

  it('puts a refused batch back and fails the items that used every attempt', () => {
    const first = journal.claimBatch('J', 'T1', 2);
    expect(journal.releaseBatch('J', first!, { rawCode: 'HTTP_503', reason: 'busy' }, 2)).toBe(0);
    const second = journal.claimBatch('J', 'T1', 2);
    expect(second?.items.map((i) => [i.nativeId, i.attempts])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    expect(journal.releaseBatch('J', second!, { rawCode: 'HTTP_503', reason: 'busy' }, 2)).toBe(2);
    const failed = reader.items({ jobId: 'J', offset: 0, limit: 10, outcome: 'failed' }).items;
    expect(failed.map((i) => [i.nativeId, i.rawCode])).toEqual([
      ['a', 'HTTP_503'],
      ['b', 'HTTP_503'],
      ['x', 'plan:no-id'],
    ]);
    // Retry puts them back, but never the item that had no id for its terminal.
    expect(journal.retryFailed('J')).toBe(2);
  });

  it('settles an unanswered batch from a read: absent removed, present back to pending', () => {
    const batch = journal.claimBatch('J', 'T1', 3)!;
    journal.markUnknown(batch.id, 'no answer');
    const open = journal.openBatches('J', 'T1');
    expect(open.map((b) => b.items.length)).toEqual([3]);
    journal.reconcile('J', open, new Set([batch.items[0]!.id]), 5);
    const items = reader.items({ jobId: 'J', offset: 0, limit: 10 }).items;
    expect(items.map((i) => [i.nativeId, i.outcome, i.rawCode])).toEqual([
      ['a', 'removed', RECHECK_ABSENT],
      ['b', null, null],
      ['7', null, null],
      ['c', null, null],
      ['x', 'failed', 'plan:no-id'],
    ]);
    expect(journal.openBatches('J', 'T1')).toEqual([]);
    // The settled batch keeps why its request got no answer (the benchmark and support read it).
    const stored = db.sqlite.prepare('SELECT state, error FROM job_batches WHERE id = ?').get(batch.id);
    expect(stored).toEqual({ state: 'reconciled', error: 'no answer' });
  });

  it('queues, then cancels what is left, saying so for items whose answer is unknown', () => {
    const batch = journal.claimBatch('J', 'T1', 1)!;
    journal.markUnknown(batch.id, 'no answer');
    journal.queueTerminal('J', 'T1');
    expect(reader.counts('J').total).toMatchObject({ queued: 4, pending: 0 });
    expect(journal.cancelRemaining('J')).toBe(4);
    const cancelled = reader.items({ jobId: 'J', offset: 0, limit: 10, outcome: 'cancelled' }).items;
    expect(cancelled.map((i) => i.rawCode)).toEqual(['unconfirmed', null, null, null]);
    expect(journal.hasWork('J')).toBe(false);
  });
});
