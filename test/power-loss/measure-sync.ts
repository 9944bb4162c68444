/**
 * A quick measurement of what `synchronous = FULL` costs the journal against `NORMAL` (WAL): one job, then
 * claim a batch + record its answer until done (two commits a batch, as the executor without group commit).
 * Run: `node test/power-loss/measure-sync.ts [DIR] [ITEMS] [BATCH]` (DIR on the disk to measure; default the OS temp dir).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/database.ts';
import { createJournal } from '../../electron/core/removal/journal.ts';
import { plannedItems } from './workload-items.ts';

const [dirArg, itemsArg, batchArg] = process.argv.slice(2);
const items = Number(itemsArg ?? 2000);
const batch = Number(batchArg ?? 10);

function run(mode: 'NORMAL' | 'FULL'): { ms: number; commits: number } {
  const dir = mkdtempSync(join(dirArg ?? tmpdir(), 'fcom-sync-'));
  try {
    const db = openDatabase(join(dir, 'fcom.sqlite'));
    const journal = createJournal(db);
    db.sqlite.exec(`PRAGMA synchronous = ${mode}`);
    journal.createJob('job', { mode: 'people', verify: false, devices: 'all' }, null, plannedItems(items, 1));
    let commits = 1;
    const started = performance.now();
    for (;;) {
      const claimed = journal.claimBatch('job', 'SN-0', batch);
      if (!claimed) break;
      journal.acknowledge(
        claimed.id,
        claimed.items.map((i) => ({ itemId: i.id, outcome: 'removed' as const, rawCode: '0', reason: null })),
      );
      commits += 2;
    }
    const ms = performance.now() - started;
    db.close();
    return { ms, commits };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const mode of ['NORMAL', 'FULL', 'NORMAL', 'FULL'] as const) {
  const { ms, commits } = run(mode);
  console.log(
    `${mode.padEnd(6)} ${commits} commits in ${ms.toFixed(0)} ms: ${(ms / commits).toFixed(2)} ms/commit, ${((items / ms) * 1000).toFixed(0)} items/s`,
  );
}
