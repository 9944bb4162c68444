import { join } from 'node:path';
import type { Terminal, TerminalKind } from '../../shared/domain/terminal.ts';
import { DATABASE_FILE } from '../../electron/core/compose.ts';
import { openDatabase } from '../../electron/core/db/database.ts';
import { createInventoryRepository } from '../../electron/core/inventory/inventory-repository.ts';
import { createJournal } from '../../electron/core/removal/journal.ts';
import type { ItemRecord } from '../../electron/core/removal/journal-types.ts';
import type { PlannedItem } from '../../electron/core/removal/plan-ids.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';

/** What {@link seedFinishedJob} wrote. */
export interface SeededJob {
  jobId: string;
  items: number;
  terminals: number;
  /** Items per outcome, as written. */
  outcomes: Record<string, number>;
}

/** Items per request, as the engine's default batch size. */
const BATCH_SIZE = 50;

/** The reasons a real job shows for failed items, with the vendor codes beside them. */
const FAILURES: readonly ItemRecord[] = [
  { itemId: 0, outcome: 'failed', rawCode: 'http:500', reason: 'The terminal answered HTTP 500 five times.' },
  { itemId: 0, outcome: 'failed', rawCode: 'busy', reason: 'The terminal stayed busy; retries used up.' },
  { itemId: 0, outcome: 'failed', rawCode: 'verify:present', reason: 'Still present after removal.' },
];

/** The terminals of the seeded site: half Sophon, half BAS-IP, on loopback ports nothing listens on. */
function seededTerminals(count: number, now: number): Terminal[] {
  return Array.from({ length: count }, (_, i) => {
    const kind: TerminalKind = i % 2 === 0 ? 'sophon' : 'basip';
    return {
      serial: `${kind === 'sophon' ? 'SPH' : 'BAS'}-BENCH-${String(i + 1).padStart(3, '0')}`,
      kind,
      apiVersion: kind === 'sophon' ? 'v2' : 'v1',
      name: `${kind === 'sophon' ? 'Gate' : 'Entrance panel'} ${i + 1}`,
      model: null,
      firmware: null,
      address: '127.0.0.1',
      // Port 9: discard, closed on this machine, so the health monitor's probes are refused at once.
      port: 9,
      online: false,
      lastSeen: now,
      credentials: 'unknown',
      peopleCount: null,
      capacity: null,
      source: 'manual',
      adapter: null,
    };
  });
}

/**
 * The outcome of the item at `seq`, a fixed mix like a real site's: most removed, some already absent,
 * a few failed with a vendor code.
 */
function recordFor(itemId: number, seq: number): ItemRecord {
  const bucket = (seq * 7919) % 100;
  if (bucket < 88) return { itemId, outcome: 'removed', rawCode: 'success', reason: null };
  if (bucket < 96) return { itemId, outcome: 'already-absent', rawCode: 'ID_NOT_FOUND', reason: null };
  const failure = FAILURES[seq % FAILURES.length] ?? FAILURES[0]!;
  return { ...failure, itemId };
}

/**
 * Writes a data directory holding one finished removal job of `items` items over `terminalCount` terminals,
 * through the app's own journal (the real schema): the job and every item in one transaction, then each
 * batch of 50 claimed and acknowledged as the engine records it. One item in 200 has no id of its terminal's
 * kind and is failed at plan time. `synchronous = OFF` for the seed only (it is not what is measured).
 */
export function seedFinishedJob(dataDir: string, items: number, terminalCount: number): SeededJob {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    const now = Date.now();
    const terminals = seededTerminals(terminalCount, now);
    const inventory = createInventoryRepository(db);
    for (const terminal of terminals) inventory.save(terminal);
    const journal = createJournal(db);
    db.sqlite.exec('PRAGMA synchronous = OFF');

    const perTerminal = Math.ceil(items / terminalCount);
    const people = generatePeople('bench-ui', perTerminal);
    const planned: PlannedItem[] = [];
    for (const terminal of terminals) {
      for (const person of people) {
        if (planned.length >= items) break;
        const seq = planned.length;
        const noId = seq % 200 === 199;
        planned.push({
          seq,
          terminal: terminal.serial,
          terminalKind: terminal.kind,
          line: person.index + 2,
          name: person.name,
          personKey: person.identityId,
          idKind: terminal.kind === 'sophon' ? 'identity_id' : 'link_id',
          nativeId: terminal.kind === 'sophon' ? person.identityId : person.linkId,
          faceId: '',
          failure: noId ? { rawCode: 'plan:no-id', reason: 'This row has no id this terminal kind uses.' } : null,
        });
      }
    }
    const jobId = `bench-ui-${items}`;
    journal.createJob(
      jobId,
      { mode: 'people', verify: false, devices: 'all' },
      `people-to-remove-${items}.csv`,
      planned,
    );
    planned.length = 0;

    for (const terminal of terminals) {
      for (;;) {
        const batch = journal.claimBatch(jobId, terminal.serial, BATCH_SIZE);
        if (batch === null) break;
        journal.acknowledge(
          batch.id,
          batch.items.map((item) => recordFor(item.id, item.seq)),
        );
      }
    }
    journal.setState(jobId, 'done');
    db.sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const rows = db.sqlite
      .prepare('SELECT outcome, COUNT(*) AS n FROM job_items WHERE job_id = ? GROUP BY outcome')
      .all(jobId) as { outcome: string; n: number }[];
    return {
      jobId,
      items,
      terminals: terminalCount,
      outcomes: Object.fromEntries(rows.map((row) => [row.outcome, row.n])),
    };
  } finally {
    db.close();
  }
}
