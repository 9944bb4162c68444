import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/database.ts';
import { createJournal } from '../../electron/core/removal/journal.ts';
import { attach, createLoopDisk, cyclePaths } from './loop-disk.ts';

/** One power-loss cycle's settings. */
export interface CycleOptions {
  readonly items: number;
  readonly terminals: number;
  readonly batch: number;
  /** How long after the plan is committed the power is cut. */
  readonly cutAfterMs: number;
  /** Instead of a time: cut right after the app told the user of this many answers (the app stops itself). */
  readonly cutAfterAcks?: number;
  /** FULL: the app's settings; NORMAL: the control that must lose commits. */
  readonly mode?: 'FULL' | 'NORMAL';
}

/** What one cycle found. Every count but `acked`, `inFlight`, `recoveredMs` must be 0 (or `integrity` 'ok'). */
export interface CycleResult {
  /** Items the app had told the user were removed before the cut. */
  readonly acked: number;
  /** The plan was acknowledged (the job started) but the database after the cut lacks it or some of its items. */
  readonly lostPlan: boolean;
  /** Of those, items the database after the cut does not hold as removed. */
  readonly lostAcked: number;
  /** Items in batches recorded 'sending' at the cut (the in-flight batches: the only ones allowed a second send). */
  readonly inFlight: number;
  /** Items the terminals received twice in all, and of those, the ones outside the in-flight batches. */
  readonly sentTwice: number;
  readonly sentTwiceOutsideInFlight: number;
  /** Items not removed on the terminals, or not final 'removed' in the journal, after recovery ran to the end. */
  readonly unfinished: number;
  readonly integrity: string;
  readonly recoveredMs: number;
}

const WORKLOAD = join(import.meta.dirname, 'workload.ts');

/** Whether something is mounted at `path` (Linux). */
function mountedAt(path: string): boolean {
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[1] === path);
}

function sends(log: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!existsSync(log)) return counts;
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const id = line.split(' ')[1];
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Runs the workload on a loop disk, cuts the power at `cutAfterMs`, restarts on the image and checks. */
export async function powerLossCycle(options: CycleOptions): Promise<CycleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-power-loss-'));
  const paths = cyclePaths(dir);
  const terminalLog = join(dir, 'terminals.log');
  const disk = createLoopDisk(paths.image, paths.live);
  const acked = new Set<string>();
  let planAcked = false;
  try {
    const child = spawn(
      process.execPath,
      [
        WORKLOAD,
        join(disk.mountPoint, 'fcom.sqlite'),
        terminalLog,
        String(options.items),
        String(options.terminals),
        String(options.batch),
        options.mode ?? 'FULL',
        String(options.cutAfterAcks ?? 0),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    let buffer = '';
    let planned: () => void = () => undefined;
    const plannedNow = new Promise<void>((resolve) => (planned = resolve));
    let answers = 0;
    let stopped: () => void = () => undefined;
    const stoppedNow = new Promise<void>((resolve) => (stopped = resolve));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'planned') {
          planAcked = true;
          planned();
        } else if (line.startsWith('ack ')) {
          for (const id of line.slice(4).split(',')) acked.add(id);
          if (++answers === options.cutAfterAcks) stopped();
        }
      }
    });
    await Promise.race([plannedNow, closed]);
    if (options.cutAfterAcks) await Promise.race([stoppedNow, closed]);
    else await new Promise((resolve) => setTimeout(resolve, options.cutAfterMs));
    // The power cut: freeze the app (no more system calls), copy the device without a sync, then it is gone.
    child.kill('SIGSTOP');
    disk.snapshot(paths.snapshot);
    child.kill('SIGKILL');
    await closed; // every line the app wrote before the cut has been read
    disk.unmount();

    // Restart on what the disk held.
    const restored = attach(paths.snapshot, paths.restored);
    try {
      const started = performance.now();
      const db = openDatabase(join(restored.mountPoint, 'fcom.sqlite'));
      const integrity = (db.sqlite.prepare('PRAGMA integrity_check').get() as { integrity_check: string })
        .integrity_check;
      const journal = createJournal(db);
      const stateOf = db.sqlite.prepare('SELECT state, outcome FROM job_items WHERE native_id = ?');
      const total = (db.sqlite.prepare('SELECT COUNT(*) AS n FROM job_items').get() as { n: number }).n;
      const lostPlan = planAcked && total !== options.items;
      let lostAcked = 0;
      for (const id of acked) {
        const row = stateOf.get(id) as { state: string; outcome: string | null } | undefined;
        if (row?.state !== 'final' || row.outcome !== 'removed') lostAcked++;
      }
      // Recovery as the app does it: batches left 'sending' are settled by a complete read of the terminal
      // (never resent blindly); then the rest is sent.
      const inFlightIds = new Set<string>();
      const terminalIds = (): Set<string> => new Set(sends(terminalLog).keys());
      for (let t = 0; t < options.terminals; t++) {
        const terminal = `SN-${t}`;
        const open = journal.openBatches('job', terminal);
        for (const batch of open) for (const item of batch.items) inFlightIds.add(item.nativeId);
        const onTerminal = terminalIds();
        const absent = new Set(open.flatMap((b) => b.items.filter((i) => onTerminal.has(i.nativeId)).map((i) => i.id)));
        if (open.length > 0) journal.reconcile('job', open, absent, 5);
        for (;;) {
          // The rest in large batches (fewer commits: recovery's speed is not what is measured here).
          const claimed = journal.claimBatch('job', terminal, 500);
          if (!claimed) break;
          appendFileSync(terminalLog, claimed.items.map((i) => `${terminal} ${i.nativeId}\n`).join(''));
          journal.acknowledge(
            claimed.id,
            claimed.items.map((i) => ({ itemId: i.id, outcome: 'removed' as const, rawCode: '0', reason: null })),
          );
        }
      }
      const recoveredMs = performance.now() - started;
      const counts = sends(terminalLog);
      const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
      const unfinishedRow = db.sqlite
        .prepare(`SELECT COUNT(*) AS n FROM job_items WHERE NOT (state = 'final' AND outcome = 'removed')`)
        .get() as { n: number };
      db.close();
      return {
        acked: acked.size,
        lostPlan,
        lostAcked,
        inFlight: inFlightIds.size,
        sentTwice: twice.length,
        sentTwiceOutsideInFlight: twice.filter((id) => !inFlightIds.has(id)).length,
        unfinished: planAcked ? unfinishedRow.n + Math.max(0, options.items - counts.size) : 0,
        integrity,
        recoveredMs,
      };
    } finally {
      restored.unmount();
    }
  } finally {
    try {
      if (mountedAt(paths.live)) disk.unmount();
    } catch {
      // already unmounted
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
