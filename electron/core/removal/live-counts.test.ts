import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutcomeCounts } from '../../../shared/domain/removal.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { createCommitGroup } from '../jobs/commit-group.ts';
import { createJournal, type Journal } from './journal.ts';
import { type Batch, type ItemRecord } from './journal-types.ts';
import { createJournalReader, emptyCounts, type JournalReader } from './journal-read.ts';
import type { PlannedItem } from './plan-ids.ts';

const TERMINALS = ['T-A', 'T-B'] as const;
const PEOPLE = 12;

/** Every person on both terminals; T-B mixes two id kinds; one row on T-A failed at plan time. */
function plan(): PlannedItem[] {
  const items: PlannedItem[] = [];
  for (const terminal of TERMINALS) {
    for (let p = 0; p < PEOPLE; p++) {
      const failure = terminal === 'T-A' && p === 0 ? { rawCode: 'plan:no-id', reason: 'no id' } : null;
      items.push({
        seq: items.length,
        terminal,
        terminalKind: terminal === 'T-A' ? 'sophon' : 'basip',
        line: p + 2,
        name: null,
        personKey: String(p),
        idKind: terminal === 'T-A' ? 'identity_id' : p % 3 === 0 ? 'uid' : 'link_id',
        nativeId: String(p),
        faceId: '',
        failure,
      });
    }
  }
  return items;
}

/** The ground truth: counts per terminal straight from the table, by journal state (not by the live counts). */
function recount(db: Database): Map<string, OutcomeCounts> {
  const rows = db.sqlite
    .prepare(`SELECT terminal, state, outcome, COUNT(*) AS n FROM job_items WHERE job_id = 'J' GROUP BY 1, 2, 3`)
    .all() as { terminal: string; state: string; outcome: string | null; n: number }[];
  const result = new Map<string, OutcomeCounts>();
  for (const row of rows) {
    const counts = result.get(row.terminal) ?? emptyCounts();
    const key =
      row.state === 'final' ? (row.outcome as keyof OutcomeCounts) : row.outcome === 'queued' ? 'queued' : 'pending';
    counts[key] += row.n;
    result.set(row.terminal, counts);
  }
  return result;
}

/** One step of a random history of the job. */
type Step =
  | { op: 'claim'; terminal: number; size: number }
  | { op: 'answer'; pick: number; outcomes: number[]; retryBelow: number; grouped: boolean }
  | { op: 'refuse'; pick: number; counted: boolean }
  | { op: 'reconcile'; pick: number; absent: number[] }
  | { op: 'queue' | 'unqueue'; terminal: number }
  | { op: 'retry-failed' | 'cancel' | 'read' }
  | { op: 'verify'; picks: number[] }
  | { op: 'discard'; picks: number[] }
  | { op: 'foreign-write'; pick: number }
  | { op: 'rolled-back-answer'; pick: number };

const index = fc.nat({ max: 1000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('claim' as const), terminal: fc.nat({ max: 1 }), size: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    op: fc.constant('answer' as const),
    pick: index,
    outcomes: fc.array(fc.nat({ max: 2 }), { minLength: 5, maxLength: 5 }),
    retryBelow: fc.nat({ max: 4 }),
    grouped: fc.boolean(),
  }),
  fc.record({ op: fc.constant('refuse' as const), pick: index, counted: fc.boolean() }),
  fc.record({ op: fc.constant('reconcile' as const), pick: index, absent: fc.array(fc.nat({ max: 4 })) }),
  fc.record({ op: fc.constantFrom('queue' as const, 'unqueue' as const), terminal: fc.nat({ max: 1 }) }),
  fc.record({ op: fc.constantFrom('retry-failed' as const, 'cancel' as const, 'read' as const) }),
  fc.record({ op: fc.constant('verify' as const), picks: fc.array(index, { maxLength: 4 }) }),
  fc.record({ op: fc.constant('discard' as const), picks: fc.array(index, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('foreign-write' as const), pick: index }),
  fc.record({ op: fc.constant('rolled-back-answer' as const), pick: index }),
);

const OUTCOMES: ItemRecord['outcome'][] = ['removed', 'already-absent', 'failed'];

function recordsOf(batch: Batch, outcomes: readonly number[]): ItemRecord[] {
  return batch.items.map((item, i) => ({
    itemId: item.id,
    outcome: OUTCOMES[outcomes[i % outcomes.length] ?? 0] ?? 'removed',
    rawCode: 'code',
    reason: null,
  }));
}

async function apply(s: Step, db: Database, journal: Journal, open: Batch[]): Promise<void> {
  const take = (pick: number): Batch | undefined => open.splice(pick % Math.max(1, open.length), 1)[0];
  const ids = (): number[] =>
    (db.sqlite.prepare(`SELECT id FROM job_items WHERE job_id = 'J' ORDER BY id`).all() as { id: number }[]).map(
      (r) => r.id,
    );
  switch (s.op) {
    case 'claim': {
      const batch = journal.claimBatch('J', TERMINALS[s.terminal] ?? 'T-A', s.size);
      if (batch) open.push(batch);
      return;
    }
    case 'answer': {
      const batch = take(s.pick);
      if (!batch) return;
      if (s.grouped) {
        const group = createCommitGroup(db);
        const grouped = createJournal(group.db);
        await group.run(() => grouped.acknowledge(batch.id, recordsOf(batch, s.outcomes), s.retryBelow));
      } else journal.acknowledge(batch.id, recordsOf(batch, s.outcomes), s.retryBelow);
      return;
    }
    case 'rolled-back-answer': {
      // An answer whose group commit savepoint is rolled back: nothing of it stays, the batch stays open.
      const batch = open[s.pick % Math.max(1, open.length)];
      if (!batch) return;
      const group = createCommitGroup(db);
      const grouped = createJournal(group.db);
      await expect(
        group.run(() => {
          grouped.acknowledge(batch.id, recordsOf(batch, [0]), 0);
          throw new Error('storage said no');
        }),
      ).rejects.toThrow('storage said no');
      return;
    }
    case 'refuse': {
      const batch = take(s.pick);
      if (batch) journal.releaseBatch('J', batch, { rawCode: 'busy', reason: 'busy' }, 3, s.counted);
      return;
    }
    case 'reconcile': {
      const batch = take(s.pick);
      if (!batch) return;
      const absent = new Set(s.absent.map((i) => batch.items[i % batch.items.length]?.id ?? -1));
      journal.reconcile(
        'J',
        journal.openBatches('J', batch.terminal).filter((b) => b.id === batch.id),
        absent,
        3,
      );
      return;
    }
    case 'queue':
      journal.queueTerminal('J', TERMINALS[s.terminal] ?? 'T-A');
      return;
    case 'unqueue':
      journal.unqueueTerminal('J', TERMINALS[s.terminal] ?? 'T-A');
      return;
    case 'retry-failed':
      journal.retryFailed('J');
      return;
    case 'cancel':
      journal.cancelRemaining('J');
      open.length = 0;
      return;
    case 'read':
      return;
    case 'verify': {
      const all = ids();
      const picked = s.picks.map((p) => all[p % all.length] ?? -1);
      journal.recordVerification('J', s.picks.length % 2 === 0 ? 'T-A' : 'T-B', picked.slice(2));
      return;
    }
    case 'discard': {
      const all = ids();
      journal.discardItems(
        s.picks.map((p) => all[p % all.length] ?? -1),
        { actor: 'test', at: Date.now() },
      );
      return;
    }
    case 'foreign-write': {
      // A write on the same connection that no journal told the counts about.
      const all = ids();
      db.sqlite
        .prepare(`UPDATE job_items SET state = 'final', outcome = 'cancelled' WHERE id = ? AND state = 'pending'`)
        .run(all[s.pick % all.length] ?? -1);
      return;
    }
  }
}

function expectLiveEqualsRecount(db: Database, reader: JournalReader): void {
  const truth = recount(db);
  const live = new Map([...reader.livePerTerminal('J')].map(([serial, counts]) => [serial, { ...counts }]));
  expect(live).toEqual(truth);
  const total = emptyCounts();
  for (const counts of truth.values()) {
    for (const [key, n] of Object.entries(counts) as [keyof OutcomeCounts, number][]) total[key] += n;
  }
  expect(reader.liveTotals('J').counts).toEqual(total);
}

/** Runs `test` on a fresh journal holding job 'J' (the {@link plan}), in a data directory removed after. */
function withJob(test: (db: Database, journal: Journal, reader: JournalReader) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-live-counts-'));
  const db = openDatabase(join(dir, 'fcom.sqlite'));
  try {
    const journal = createJournal(db);
    journal.createJob('J', { mode: 'people', verify: false, devices: 'all' }, null, plan());
    test(db, journal, createJournalReader(db));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('live counts of a removal job', () => {
  it('equal a recount of the journal after any history of claims, answers and bulk changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const db = openDatabase(':memory:');
        try {
          const journal = createJournal(db);
          const reader = createJournalReader(db);
          journal.createJob('J', { mode: 'people', verify: true, devices: 'all' }, null, plan());
          const open: Batch[] = [];
          expectLiveEqualsRecount(db, reader);
          for (const s of steps) {
            await apply(s, db, journal, open);
            expectLiveEqualsRecount(db, reader);
          }
        } finally {
          db.close();
        }
      }),
      {
        numRuns: 150,
        // Found in CI: an item claimed, then marked queued while its request was out, then answered; the answer
        // moved it from 'queued', which the counts were not told (journal.ts acknowledge now forgets them).
        examples: [
          [
            [
              { op: 'claim', terminal: 1, size: 1 },
              { op: 'queue', terminal: 1 },
              { op: 'answer', pick: 0, outcomes: [0, 0, 0, 0, 0], retryBelow: 0, grouped: false },
              { op: 'retry-failed' },
            ],
          ],
        ],
      },
    );
  });

  it('are kept by a bulk write that changed no row, and counted again after one that did', () => {
    withJob((db, journal, reader) => {
      const seeded = reader.livePerTerminal('J');
      // A lane's start with nothing queued and its end with nothing unconfirmed write no row: no recount.
      journal.unqueueTerminal('J', 'T-A');
      expect(journal.settleUnconfirmed('J', 'T-A', { rawCode: 'unreadable', reason: 'no read' })).toBe(0);
      expect(reader.livePerTerminal('J')).toBe(seeded);
      // A request whose answer said nothing about its items, settled at the lane's end: counted again, exactly.
      const batch = journal.claimBatch('J', 'T-A', 3)!;
      journal.markUnknown(batch.id, 'no answer');
      expect(reader.livePerTerminal('J')).toBe(seeded);
      expect(journal.settleUnconfirmed('J', 'T-A', { rawCode: 'unreadable', reason: 'no read' })).toBe(3);
      const fresh = reader.livePerTerminal('J');
      expect(fresh).not.toBe(seeded);
      expect(fresh.get('T-A')).toEqual(recount(db).get('T-A'));
      expect(fresh.get('T-A')).toMatchObject({ unconfirmed: 3, pending: PEOPLE - 4, failed: 1 });
    });
  });

  it('follow answers without counting the job again, and count again after a commit of another connection', () => {
    withJob((db, journal, reader) => {
      const seeded = reader.livePerTerminal('J');
      expect(seeded.get('T-A')).toMatchObject({ pending: PEOPLE - 1, failed: 1 });
      // An answer moves the kept counts: the same object, not a new count of the table.
      const batch = journal.claimBatch('J', 'T-A', 5)!;
      journal.acknowledge(batch.id, recordsOf(batch, [0]), 0);
      expect(reader.livePerTerminal('J')).toBe(seeded);
      expect(seeded.get('T-A')).toMatchObject({ removed: 5, pending: PEOPLE - 6, failed: 1 });

      const other = openDatabase(db.path);
      try {
        other.sqlite.exec(`UPDATE job_items SET state = 'final', outcome = 'cancelled' WHERE terminal = 'T-B'`);
      } finally {
        other.close();
      }
      const fresh = reader.livePerTerminal('J');
      expect(fresh).not.toBe(seeded);
      expect(fresh.get('T-B')).toMatchObject({ cancelled: PEOPLE, pending: 0 });
      expect(fresh.get('T-A')).toMatchObject({ removed: 5, pending: PEOPLE - 6, failed: 1 });
    });
  });
});
