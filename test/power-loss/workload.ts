/**
 * The app side of one power-loss cycle, run as its own process on the simulated disk: the real journal (real
 * database settings, real group commit, as removal-service.ts wires them) removing `items` people from
 * `terminals` terminals in concurrent lanes. The "terminals" are an append-only log on another disk (they are
 * other machines: a power cut of the laptop does not touch them). After a batch's answer is committed the
 * item ids are printed (`ack ID,ID`): that is the app telling the user "removed", what must never be lost.
 *
 * Usage: node workload.ts DB TERMINAL_LOG ITEMS TERMINALS BATCH [FULL|NORMAL] [STOP_AFTER_ACKS]
 * (NORMAL is the control: the settings before issue 21, which the simulation must catch losing commits;
 * STOP_AFTER_ACKS > 0: the process stops itself (SIGSTOP) right after that many answers, a cut at an exact point).
 */
import { appendFileSync } from 'node:fs';
import { openDatabase } from '../../electron/core/db/database.ts';
import { createCommitGroup } from '../../electron/core/jobs/commit-group.ts';
import { createJournal } from '../../electron/core/removal/journal.ts';
import { plannedItems } from './workload-items.ts';

const [dbPath, terminalLog, itemsArg, terminalsArg, batchArg, mode, stopArg] = process.argv.slice(2);
if (!dbPath || !terminalLog) throw new Error('usage: workload.ts DB TERMINAL_LOG ITEMS TERMINALS BATCH [FULL|NORMAL]');
const items = Number(itemsArg ?? 20000);
const terminals = Number(terminalsArg ?? 4);
const batch = Number(batchArg ?? 10);
const stopAfterAcks = Number(stopArg ?? 0);
let acks = 0;

const db = openDatabase(dbPath);
const commits = createCommitGroup(db);
const journal = createJournal(commits.db);
journal.createJob('job', { mode: 'people', verify: false, devices: 'all' }, null, plannedItems(items, terminals));
// The control runs every send's records as before issue 21 (the plan stays durable, so what is lost is sends).
if (mode === 'NORMAL') db.sqlite.exec('PRAGMA synchronous = NORMAL');
process.stdout.write('planned\n');

/** One terminal's lane: claim (durable 'sending'), send, record the answer, tell the user. */
async function lane(terminal: string): Promise<void> {
  for (;;) {
    const claimed = journal.claimBatch('job', terminal, batch);
    if (!claimed) return;
    // The request: the terminal removes them (its own state, on its own disk).
    appendFileSync(terminalLog as string, claimed.items.map((i) => `${terminal} ${i.nativeId}\n`).join(''));
    await new Promise((resolve) => setImmediate(resolve));
    await commits.run(() =>
      journal.acknowledge(
        claimed.id,
        claimed.items.map((i) => ({
          itemId: i.id,
          outcome: 'removed',
          rawCode: '0',
          reason: null,
          evidence: 'answer',
        })),
      ),
    );
    process.stdout.write(`ack ${claimed.items.map((i) => i.nativeId).join(',')}\n`);
    if (++acks === stopAfterAcks) process.kill(process.pid, 'SIGSTOP');
  }
}

await Promise.all(Array.from({ length: terminals }, (_, t) => lane(`SN-${t}`)));
process.stdout.write('done\n');
db.close();
