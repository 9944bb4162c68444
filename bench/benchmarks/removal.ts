import { freemem } from 'node:os';
import { resolve } from 'node:path';
import { createRecorder, type FigureRecorder } from '../framework/figures.ts';
import type { BenchContext, Benchmark, Target } from '../framework/types.ts';
import type { RemoveAllReport } from '../laptop/remove-all.ts';
import type { RemoveNaiveReport } from '../laptop/remove-naive.ts';
import { cpuProfileFlags, runLaptopScript } from '../site/laptop.ts';
import { cpuMsOf, pssMbOf, terminalPids } from '../site/site-stats.ts';
import { namespaceSiteUnavailable, withSite } from '../site/site-run.ts';
import {
  FULL_SCENARIO,
  idealMs,
  leftAfterRemoval,
  NAIVE_TERMINALS,
  populationOf,
  prefixOf,
  QUICK_SCENARIO,
  siteOptionsOf,
  writeAppInput,
  writeNaiveInput,
  type RemovalScenario,
} from './removal-scenario.ts';
import { HOST_NODE_FLAGS } from '../../electron/host/node-flags.ts';

/** Issue 19: the first request leaves within 300 ms of start, whatever the job's size. */
const FIRST_REQUEST_TARGET_MS = 300;

/** Issue 19: the host's peak RSS under 250 MB while it removes 10,000 people from 50 terminals. */
const APP_PEAK_RSS_TARGET_MB = 250;

/** The laptop-side scripts: the app's core running a real job, and the naive one-by-one baseline. */
const APP_DRIVER = resolve(import.meta.dirname, '../laptop/remove-all.ts');
const NAIVE_DRIVER = resolve(import.meta.dirname, '../laptop/remove-naive.ts');

/**
 * Targets: an efficiency of at least 0.95 with read-back verification (issue 19; recorded in %, so the table's one
 * decimal does not round 0.946 up to 0.95), and 20 times faster than the naive baseline (issue 9).
 */
const EFFICIENCY_TARGET_PERCENT = 95;
const SPEEDUP_TARGET = 20;

/** Memory of one terminal process holding 10,000 people (PSS about 60 MB measured), with room to spare. */
const MB_PER_TERMINAL_PER_10K = 100;
/** Memory of one terminal process with (almost) nobody on it. */
const MB_PER_TERMINAL_BASE = 40;

/** Memory of one terminal: its people, plus its own process's base unless the site is light (one process for all). */
function mbPerTerminal(people: number, ctx: BenchContext): number {
  return (lightSite(ctx) ? 0 : MB_PER_TERMINAL_BASE) + (MB_PER_TERMINAL_PER_10K * people) / 10_000;
}

/** Whether the site runs light (one process for every terminal; the default) or one process per terminal (`--site per-terminal`). */
function lightSite(ctx: BenchContext): boolean {
  return ctx.site !== 'per-terminal';
}

function declareFigures(figures: FigureRecorder, s: RemovalScenario): void {
  const p = prefixOf(s);
  const declare = (suffix: string, unit: string, description: string, target?: Target): void =>
    figures.declare({ name: `${p}.${suffix}`, description, unit, ...(target ? { target } : {}) });
  declare('measured', 'ms', 'from `removal:start` until the job is idle, every item of every terminal finished');
  declare(
    'ideal',
    'ms',
    `the slowest terminal's serial work at its cap: ceil(${s.people}/${s.cap}) × ${s.perRequestMs} ms + ${s.people} × ${s.perItemMs} ms, plus its read-back (what it still lists, in pages of 50)`,
  );
  declare('efficiency', '%', 'ideal / measured, in %', { atLeast: EFFICIENCY_TARGET_PERCENT });
  declare(
    'naive',
    'ms',
    `one delete per person, terminal after terminal, measured on ${s.naivePeople} people × ${NAIVE_TERMINALS} terminals and extrapolated linearly to ${s.people} × ${s.terminals}`,
  );
  declare('speedup', '×', 'naive (extrapolated) / measured', { atLeast: SPEEDUP_TARGET });
  declare('items', 'items', 'items that ended removed or already absent', { atLeast: s.people * s.terminals });
  declare(
    'start',
    'ms',
    '`removal:start` answered: the plan checked and its first items journaled (part of `measured`)',
  );
  declare(
    'firstRequest',
    'ms',
    'from `removal:start` until the first request is recorded sending (it leaves right after)',
    {
      below: FIRST_REQUEST_TARGET_MS,
    },
  );
  declare('lastAnswer', 'ms', "from `removal:start` to the last delete's answer recorded (the read-back follows)");
  declare('slowestLane', 'ms', "from `removal:start` to the slowest terminal's last outcome");
  declare('appCpu', 'ms', "CPU time of the app's process from `removal:start` to the end of the job");
  declare(
    'appCpuPerItem',
    'µs',
    "the app's CPU time per item journaled (appCpu / people × terminals): the figure that compares between machines",
  );
  declare(
    'appPeakRss',
    'MB',
    "peak resident memory of the app's process while the job runs (from `removal:start`; the browser host's V8 flags)",
    { below: APP_PEAK_RSS_TARGET_MB },
  );
  declare(
    'appPeakRssWhole',
    'MB',
    "peak resident memory of the app's process over the whole run, set-up included (the secrets file's scrypt key derivation)",
  );
  declare('loopDelay', 'ms', "99th percentile of the app's event-loop delay while the job ran");
  declare('siteCpu', 'ms', 'CPU time of the simulated terminals during the job (they share the cores with the app)');
  declare(
    'siteCpuShare',
    '%',
    "the simulated terminals' share of the CPU both sides used during the job: siteCpu / (appCpu + siteCpu)",
  );
  declare('siteStart', 'ms', 'site start-up: LAN built, every terminal serving its people (not measured)');
  declare('siteMemory', 'MB', 'memory of the terminal processes together (PSS)');
}

/** The app's bulk removal against a whole site; records every figure but the naive ones. */
async function measureApp(figures: FigureRecorder, ctx: BenchContext, s: RemovalScenario, run: number) {
  const p = prefixOf(s);
  const options = { ...siteOptionsOf(s, s.terminals, s.people), light: lightSite(ctx) };
  return withSite(options, async (site, startupMs) => {
    const ideal = idealMs(s, leftAfterRemoval(populationOf(site)));
    figures.record(`${p}.siteStart`, startupMs);
    const pids = terminalPids(site);
    figures.record(`${p}.siteMemory`, pssMbOf(pids));
    const input = writeAppInput(ctx.tempDir, site, s, run);
    const cpuBefore = cpuMsOf(pids);
    const report = await runLaptopScript<RemoveAllReport>(site, APP_DRIVER, ['--input', input], {
      timeoutMs: 20 * ideal + 300_000,
      // The driver runs the app's core as the browser host does, with the host's V8 flags.
      nodeFlags: [...HOST_NODE_FLAGS, ...cpuProfileFlags()],
    });
    const siteCpu = cpuMsOf(pids) - cpuBefore;
    const complete = report.state === 'done' && report.added === s.terminals;
    figures.record(`${p}.measured`, complete ? report.msTotal : null);
    figures.record(`${p}.ideal`, ideal);
    figures.record(`${p}.efficiency`, complete ? (100 * ideal) / report.msTotal : null);
    figures.record(`${p}.items`, report.removed);
    figures.record(`${p}.start`, report.msStart);
    figures.record(`${p}.firstRequest`, report.msFirstRequest);
    figures.record(`${p}.lastAnswer`, report.msLastAnswer);
    figures.record(`${p}.slowestLane`, report.msPerTerminal.at(-1) ?? null);
    figures.record(`${p}.appCpu`, report.cpuMs);
    figures.record(`${p}.appCpuPerItem`, report.total > 0 ? (1000 * report.cpuMs) / report.total : null);
    figures.record(`${p}.siteCpuShare`, report.cpuMs + siteCpu > 0 ? (100 * siteCpu) / (report.cpuMs + siteCpu) : null);
    if (run === 1) {
      const how = site.light ? `one process for the ${site.terminals.length} terminals` : 'one process per terminal';
      figures.note(`${p}.siteCpu`, `${site.light ? 'light' : 'per-terminal'} site (${how}).`);
    }
    figures.record(`${p}.appPeakRss`, report.peakRssMb);
    figures.record(`${p}.appPeakRssWhole`, report.peakRssWholeMb);
    figures.record(`${p}.loopDelay`, report.loopDelayP99Ms);
    figures.record(`${p}.siteCpu`, siteCpu);
    if (!complete) {
      figures.note(
        `${p}.measured`,
        `run ${run}: job ${report.state}, ${report.added}/${s.terminals} terminals added, ${report.failed} failed, ${report.unfinished} unfinished${report.error ? `: ${report.error}` : ''}.`,
      );
    }
    if (report.batchesNotAcknowledged > 0) {
      figures.note(
        `${p}.measured`,
        `run ${run}: ${report.batchesNotAcknowledged} of ${report.batches} requests retried or re-checked.`,
      );
      for (const { reason, batches, requestNumbers } of report.notAcknowledged) {
        ctx.log(
          `removal: ${batches} requests not acknowledged (request no. ${requestNumbers.join(', ')} of their lane): ${reason}`,
        );
      }
    }
    const fastest = report.msPerTerminal[0] ?? 0;
    ctx.log(
      `removal ${s.people}x${s.terminals}, run ${run}/${ctx.runs}: ${report.removed} items in ${Math.round(report.msTotal)} ms ` +
        `(ideal ${ideal}, start ${Math.round(report.msStart)}, first request ${report.msFirstRequest} ms, last delete answered ${report.msLastAnswer} ms, lanes ${Math.round(fastest)}–${Math.round(report.msPerTerminal.at(-1) ?? 0)} ms, ` +
        `loop p99 ${report.loopDelayP99Ms} max ${report.loopDelayMaxMs} ms, app CPU ${Math.round(report.cpuMs)} ms ` +
        `= ${((1000 * report.cpuMs) / Math.max(1, report.total)).toFixed(1)} µs/item, site CPU ${Math.round(siteCpu)} ms), site start ${Math.round(startupMs)} ms`,
    );
    return complete ? report.msTotal : null;
  });
}

/** The naive baseline on a small site of its own, extrapolated linearly to the scenario's size. */
async function measureNaive(
  ctx: BenchContext,
  s: RemovalScenario,
  run: number,
): Promise<{ ms: number; sample: RemoveNaiveReport }> {
  return withSite({ ...siteOptionsOf(s, NAIVE_TERMINALS, s.naivePeople), light: lightSite(ctx) }, async (site) => {
    const input = writeNaiveInput(ctx.tempDir, site, run);
    const sample = await runLaptopScript<RemoveNaiveReport>(site, NAIVE_DRIVER, ['--input', input], {
      timeoutMs: 10 * s.naivePeople * NAIVE_TERMINALS * (s.perRequestMs + s.perItemMs) + 60_000,
    });
    const perDeleteMs = sample.ms / sample.requests;
    return { ms: perDeleteMs * s.people * s.terminals, sample };
  });
}

/** Every run of one scenario: the naive sample, then the app's job against a fresh site. */
async function measureScenario(figures: FigureRecorder, ctx: BenchContext, s: RemovalScenario): Promise<void> {
  const p = prefixOf(s);
  for (let run = 1; run <= ctx.runs; run++) {
    const naive = await measureNaive(ctx, s, run);
    figures.record(`${p}.naive`, naive.ms);
    figures.note(
      `${p}.naive`,
      `run ${run}: sample of ${naive.sample.requests} deletes (${naive.sample.deleted} deleted) took ${Math.round(naive.sample.ms)} ms, ${(naive.sample.ms / naive.sample.requests).toFixed(1)} ms each.`,
    );
    const measured = await measureApp(figures, ctx, s, run);
    figures.record(`${p}.speedup`, measured === null ? null : naive.ms / measured);
  }
}

/** The scenario this machine can hold: fewer terminals when their memory does not fit in free memory. */
function fittingScenario(ctx: BenchContext): { scenario: RemovalScenario; note: string | null } {
  const wanted = ctx.quick ? QUICK_SCENARIO : FULL_SCENARIO;
  const availableMb = freemem() / 1024 ** 2;
  const fits = Math.floor((availableMb * 0.8) / mbPerTerminal(wanted.people, ctx));
  if (fits >= wanted.terminals) return { scenario: wanted, note: null };
  const terminals = Math.max(2, fits - (fits % 2));
  const note =
    `scaled down: ${wanted.terminals} terminals of ${wanted.people} people need about ` +
    `${Math.round(wanted.terminals * mbPerTerminal(wanted.people, ctx))} MB, ${Math.round(availableMb)} MB are free; ran ${terminals}.`;
  return { scenario: { ...wanted, terminals }, note };
}

/**
 * Bulk removal: a fresh site of mixed terminals that each hold the same people, every terminal with a
 * simulated cost per request and per id and a cap of ids per request; the app's real core removes every
 * person from every terminal as one job, compared with the ideal time and with a naive integration.
 */
export const removalBenchmark: Benchmark = {
  name: 'removal',
  description:
    'bulk removal of every person from every terminal of the simulated site, against the ideal time and a naive one-by-one baseline',
  unavailable: namespaceSiteUnavailable,
  async run(ctx) {
    const figures = createRecorder();
    const { scenario, note } = fittingScenario(ctx);
    declareFigures(figures, scenario);
    if (note) {
      ctx.log(`removal: ${note}`);
      figures.note(`${prefixOf(scenario)}.measured`, note);
    }
    await measureScenario(figures, ctx, scenario);
    return figures.figures();
  },
};
