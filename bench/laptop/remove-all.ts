import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { RemovalRequest } from '../../shared/domain/removal.ts';
import type { Core } from '../../electron/core/compose.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { planThroughDraft } from '../../test/support/removal/through-draft.ts';
import { addTerminals, call, withLaptopCore, type SiteTarget } from './contract.ts';
import { roundMs, runDriver } from '../framework/driver.ts';

/** A site terminal as the bench hands it to this driver: where to add it, and its kind. */
export type RemovalTarget = SiteTarget;

/** What the driver reads from `--input`: the terminals, the removal list, the engine's settings. */
export interface RemoveAllInput {
  terminals: RemovalTarget[];
  /** The removal list, as an imported CSV gives it (Sophon identity_id and BAS-IP link_id per person). */
  items: RemovalRequest['items'];
  /** Ids per request for both kinds (the terminals' cap). */
  batchSize: number;
  /** Requests in flight over every terminal (the engine's global limit). */
  concurrency: number;
  /** Site-default credentials per kind (the simulators' factory ones). */
  credentials: Record<'sophon' | 'basip', { username: string; password: string }>;
}

/** The one JSON line this driver prints on stdout. */
export interface RemoveAllReport {
  /** Terminals added by address, online and of the expected kind, before the job started (the job's targets). */
  added: number;
  /** Items the job journaled (people × terminals). */
  total: number;
  /** Items that ended removed or already absent. */
  removed: number;
  failed: number;
  /** Items not final when the job went idle (pending, queued). */
  unfinished: number;
  /** Final job state (`done` when every item finished). */
  state: string;
  /** From calling `removal:start` until it answered (planning, and journaling what must be before sending). */
  msStart: number;
  /** From calling `removal:start` until the first request was recorded 'sending' (it leaves right after). */
  msFirstRequest: number | null;
  /** From calling `removal:start` until the last delete's answer was recorded (what follows is the read-back). */
  msLastAnswer: number | null;
  /** From calling `removal:start` until the job went idle: the measured time of the bulk removal. */
  msTotal: number;
  /** For each terminal, ms from calling `removal:start` to its last item's outcome; ascending. */
  msPerTerminal: number[];
  /** CPU time (user + system) of this process from `removal:start` to the end of the job, in ms. */
  cpuMs: number;
  /** Peak resident memory of this process (the app's core) from `removal:start` to the end of the job, in MB. */
  peakRssMb: number;
  /**
   * Peak resident memory of the whole run, set-up included (saving the credentials derives the secrets file's
   * key with scrypt, N = 2^17: 128 MB for a moment, before the job), in MB.
   */
  peakRssWholeMb: number;
  /** Event-loop delay while the job ran: 99th percentile and maximum, in ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Requests the job sent (batches recorded), and how many were not acknowledged as a whole. */
  batches: number;
  batchesNotAcknowledged: number;
  /**
   * Why requests were not acknowledged: each distinct journaled reason (`job_batches.error`) of a batch
   * whose state is not 'acknowledged', with how many batches gave it and which request of its terminal's
   * lane it was (1 = the lane's first request), to tell a lane-start failure from a mid-run one.
   */
  notAcknowledged: { reason: string; batches: number; requestNumbers: number[] }[];
  /** Why it stopped early, when it did. */
  error?: string;
}

/** Per terminal: ms from `startedAt` (epoch ms) to its last item's outcome, from the journal. */
function finishTimes(core: Core, jobId: string, startedAt: number): number[] {
  const rows = core.services.db.sqlite
    .prepare('SELECT terminal, MAX(updated_at) AS last FROM job_items WHERE job_id = ? GROUP BY terminal')
    .all(jobId) as { terminal: string; last: number }[];
  return rows.map((r) => r.last - startedAt).sort((a, b) => a - b);
}

/** Ms from `startedAt` to the job's first batch recorded 'sending' (journaled right before its request); null: none. */
function firstRequest(core: Core, jobId: string, startedAt: number): number | null {
  const row = core.services.db.sqlite
    .prepare('SELECT MIN(created_at) AS first FROM job_batches WHERE job_id = ?')
    .get(jobId) as { first: number | null };
  return row.first === null ? null : row.first - startedAt;
}

/** Ms from `startedAt` to the job's last batch answer recorded; null: none. */
function lastAnswer(core: Core, jobId: string, startedAt: number): number | null {
  const row = core.services.db.sqlite
    .prepare('SELECT MAX(updated_at) AS last FROM job_batches WHERE job_id = ?')
    .get(jobId) as { last: number | null };
  return row.last === null ? null : row.last - startedAt;
}

/** The distinct reasons of batches not acknowledged, with the position of each in its terminal's lane. */
function notAcknowledgedReasons(core: Core, jobId: string): RemoveAllReport['notAcknowledged'] {
  const rows = core.services.db.sqlite
    .prepare(
      `SELECT error, rank FROM (
         SELECT error, state, ROW_NUMBER() OVER (PARTITION BY terminal ORDER BY id) AS rank
         FROM job_batches WHERE job_id = ?)
       WHERE state != 'acknowledged'`,
    )
    .all(jobId) as { error: string | null; rank: number }[];
  const byReason = new Map<string, number[]>();
  for (const row of rows) {
    const reason = row.error ?? '(no reason recorded)';
    byReason.set(reason, [...(byReason.get(reason) ?? []), row.rank]);
  }
  return [...byReason].map(([reason, ranks]) => ({
    reason,
    batches: ranks.length,
    requestNumbers: [...new Set(ranks)].sort((a, b) => a - b).slice(0, 10),
  }));
}

function batchCounts(core: Core, jobId: string): { batches: number; notAcknowledged: number } {
  const row = core.services.db.sqlite
    .prepare(`SELECT COUNT(*) AS batches, SUM(state != 'acknowledged') AS other FROM job_batches WHERE job_id = ?`)
    .get(jobId) as { batches: number; other: number | null };
  return { batches: row.batches, notAcknowledged: row.other ?? 0 };
}

/**
 * The laptop side of the removal benchmark, run inside the site's laptop namespace by
 * `site.runInLaptop(process.execPath, [this file, '--input', FILE])` with `FCOM_MDNS=isolated-only`. It
 * builds the app's own core on a fresh data directory, with an encrypted credential file as the CLI has,
 * then through the contract as the UI does: sets the engine's batch size and concurrency
 * (`settings:update`), saves the site-default credentials per kind (`devices:set-credentials`), adds every
 * terminal by address (`devices:add`), starts one bulk removal of the whole list from every terminal
 * (`removal:start`) and waits until the job is idle. Prints one {@link RemoveAllReport} line.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { input: { type: 'string' }, trace: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.input) throw new Error('--input FILE (a RemoveAllInput JSON) is required.');
  const input = JSON.parse(readFileSync(values.input, 'utf8')) as RemoveAllInput;
  await withLaptopCore('fcom-bench-removal-', async (core) => {
    await call(core, 'settings:update', {
      removal: {
        sophonBatchSize: input.batchSize,
        basipBatchSize: input.batchSize,
        concurrency: input.concurrency,
        perTerminal: 1,
      },
    });
    for (const kind of ['sophon', 'basip'] as const) {
      await call(core, 'devices:set-credentials', { target: { kind }, credentials: input.credentials[kind] });
    }
    const serials = await addTerminals(core, input.terminals, 'remove-all');

    // The list goes into a draft in the core and is planned (the technician's review), then that plan starts.
    const reviewed = await planThroughDraft((channel, request) => dispatch(core.handlers, channel, request), {
      items: input.items,
      devices: serials,
      verify: true,
    });
    if (!reviewed.ok) throw new Error(`removal:plan failed: ${reviewed.error.message}`);
    // The set-up's peak, then the kernel's peak counter is reset so the job's own peak is measured (Linux).
    const setupPeakMb = process.resourceUsage().maxRSS / 1024;
    writeFileSync('/proc/self/clear_refs', '5');
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpuStart = process.cpuUsage();
    const startedAt = Date.now();
    const started = performance.now();
    // Read-back verification is on (the default since issue 14): its reads are part of the measured time.
    const { jobId } = (await call(core, 'removal:start', { planId: reviewed.value.planId })) as { jobId: string };
    const msStart = performance.now() - started;
    if (values.trace) traceProgress(core, started);
    const summary = await core.services.jobs.whenIdle(jobId);
    const msTotal = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    loop.disable();

    const { counts } = summary;
    const batches = batchCounts(core, jobId);
    const report: RemoveAllReport = {
      added: serials.length,
      total: summary.total,
      removed: counts.removed + counts['already-absent'],
      failed: counts.failed,
      unfinished: counts.pending + counts.queued + (counts.unconfirmed ?? 0),
      state: summary.state,
      msStart: roundMs(msStart),
      msFirstRequest: firstRequest(core, jobId, startedAt),
      msLastAnswer: lastAnswer(core, jobId, startedAt),
      msTotal: roundMs(msTotal),
      msPerTerminal: finishTimes(core, jobId, startedAt),
      cpuMs: roundMs((cpu.user + cpu.system) / 1000),
      peakRssMb: roundMs(process.resourceUsage().maxRSS / 1024),
      peakRssWholeMb: roundMs(Math.max(setupPeakMb, process.resourceUsage().maxRSS / 1024)),
      loopDelayP99Ms: roundMs(loop.percentile(99) / 1e6),
      loopDelayMaxMs: roundMs(loop.max / 1e6),
      batches: batches.batches,
      batchesNotAcknowledged: batches.notAcknowledged,
      notAcknowledged: notAcknowledgedReasons(core, jobId),
      ...(summary.error ? { error: summary.error } : {}),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  });
}

/** `--trace`: the job's progress on stderr every 2 s (to see where a slow run spends its time). */
function traceProgress(core: Core, started: number): void {
  core.services.bus.onAny((event, payload) => {
    if (event !== 'jobs:progress') return;
    const { done, total, state } = payload as { done: number; total: number; state: string };
    const now = performance.now();
    if (now - lastTrace < 2_000 && state === 'running') return;
    lastTrace = now;
    console.error(`remove-all: ${Math.round(now - started)} ms: ${done}/${total} ${state}`);
  });
}
let lastTrace = 0;

runDriver('remove-all', main);
