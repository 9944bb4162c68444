import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_NODE_FLAGS } from '../../electron/host/node-flags.ts';
import { DEFAULT_REFRESH } from '../../electron/core/people-index/refresh.ts';
import { LIST_PAGE_SIZE } from '../../electron/core/removal/presence.ts';
import type { Site } from '../../tools/sim/site/site.ts';
import { DEFAULT_CREDENTIALS } from '../../tools/sim/site/terminal-device.ts';
import { createRecorder, type FigureRecorder } from '../framework/figures.ts';
import type { BenchContext, Benchmark } from '../framework/types.ts';
import type { RefreshIndexInput, RefreshIndexReport } from '../laptop/refresh-index.ts';
import { cpuProfileFlags, runLaptopScript } from '../site/laptop.ts';
import { cpuMsOf, terminalPids } from '../site/site-stats.ts';
import { namespaceSiteUnavailable, withSite } from '../site/site-run.ts';

/** Terminals and people per terminal of the full and the quick bench. */
const FULL = { terminals: 50, people: 10_000 };
const QUICK = { terminals: 5, people: 1_000 };

/** Every simulated request takes this long (a small terminal answering a page of 50 people). */
export const PAGE_LATENCY_MS = 20;

/** The laptop-side script: the app's core refreshing the whole site's index through the contract. */
const APP_DRIVER = resolve(import.meta.dirname, '../laptop/refresh-index.ts');

/** The ideal: every page of one terminal read back to back at the terminal's latency, all terminals in parallel. */
export function idealMs(rows: number, latencyMs: number): number {
  return Math.ceil(rows / LIST_PAGE_SIZE) * latencyMs;
}

/**
 * The floor of the app's own settings: a terminal's pages one at a time with {@link DEFAULT_REFRESH}'s pause
 * between two, `parallel` terminals at a time (in waves).
 */
export function pacedFloorMs(rows: number, terminals: number, latencyMs: number): number {
  const pages = Math.ceil(rows / LIST_PAGE_SIZE);
  const perTerminal = pages * latencyMs + (pages - 1) * DEFAULT_REFRESH.paceMs;
  return Math.ceil(terminals / DEFAULT_REFRESH.parallel) * perTerminal;
}

function declare(figures: FigureRecorder, p: string): void {
  const figure = (name: string, unit: string, description: string, target?: { below: number }) =>
    figures.declare({ name: `${p}.${name}`, unit, description, ...(target ? { target } : {}) });
  figure('measured', 'ms', '`people:refresh` (waiting) until every terminal is read and indexed');
  figure(
    'ideal',
    'ms',
    `pages of the longest list × its ${PAGE_LATENCY_MS} ms latency, every terminal in parallel, no pause between pages`,
  );
  figure('ratio', '×', 'measured / ideal');
  figure(
    'pacedFloor',
    'ms',
    `the same with the app's gentle settings: ${DEFAULT_REFRESH.paceMs} ms between two pages of a terminal, ${DEFAULT_REFRESH.parallel} terminals at a time`,
  );
  figure(
    'indexed',
    'rows',
    'people (BAS-IP: identifiers) in the index afterwards; must equal what the simulators hold',
  );
  figure('failed', 'terminals', 'terminals whose read did not complete', { below: 1 });
  figure('appCpu', 'ms', "CPU time of the app's process during the refresh");
  figure('appCpuPerRow', 'µs', "the app's CPU per row indexed: the figure that compares between machines");
  figure('appPeakRss', 'MB', "peak resident memory of the app's process during the refresh");
  figure('siteCpu', 'ms', 'CPU time of the simulated terminals during the refresh (one process: the light site)');
}

/** Rows the site's terminals hold: people on Sophon terminals, identifiers on BAS-IP panels. */
async function rowsHeld(site: Site): Promise<{ total: number; longest: number }> {
  const counts = await Promise.all(
    site.terminals.map(async (t) => {
      const stats = (await t.control.stats()) as { people: number; identifiers?: number };
      return t.kind === 'basip' ? (stats.identifiers ?? 0) : stats.people;
    }),
  );
  return { total: counts.reduce((a, b) => a + b, 0), longest: Math.max(0, ...counts) };
}

/**
 * Index refresh of a whole site (issue 17) on the light namespace site (one process serves every terminal, so
 * the app's CPU is measured apart from the simulators'): N terminals (half Sophon, half BAS-IP) of P people,
 * every request delayed by {@link PAGE_LATENCY_MS}. The app's real core, in a process of its own on the laptop
 * side with the host's V8 flags, adds them by address and reads them all with its default pacing.
 */
export const peopleIndexBenchmark: Benchmark = {
  name: 'people-index',
  description: 'refresh of the site people index: every terminal read to its end, against pages × latency',
  unavailable: namespaceSiteUnavailable,
  async run(ctx: BenchContext) {
    const size = ctx.quick ? QUICK : FULL;
    const p = `people-index.${size.terminals}x${size.people}`;
    const figures = createRecorder();
    declare(figures, p);
    const options = {
      terminals: size.terminals,
      kind: 'mixed' as const,
      seed: 'bench-people-index',
      peoplePerTerminal: size.people,
      populationSize: size.people,
      light: true,
      configure: () => ({ knobs: { latencyMs: PAGE_LATENCY_MS } }),
      log: () => undefined,
    };
    for (let run = 1; run <= ctx.runs; run++) {
      await withSite(options, async (site) => {
        const held = await rowsHeld(site);
        ctx.log(`people-index: ${size.terminals} terminals × ${size.people} people started (${held.total} rows held)`);
        const input: RefreshIndexInput = {
          terminals: site.terminals.map((t) => ({ address: t.address, port: t.port, kind: t.kind })),
          credentials: DEFAULT_CREDENTIALS,
        };
        const inputFile = join(ctx.tempDir, `people-index-input-${run}.json`);
        writeFileSync(inputFile, JSON.stringify(input));
        const pids = terminalPids(site);
        const cpuBefore = cpuMsOf(pids);
        const ideal = idealMs(held.longest, PAGE_LATENCY_MS);
        const report = await runLaptopScript<RefreshIndexReport>(site, APP_DRIVER, ['--input', inputFile], {
          timeoutMs: 600_000,
          nodeFlags: [...HOST_NODE_FLAGS, ...cpuProfileFlags()],
        });
        const siteCpu = cpuMsOf(pids) - cpuBefore;
        const complete = report.added === size.terminals && report.failed === 0;
        ctx.log(
          `people-index run ${run}: ${report.ms} ms (ideal ${ideal} ms, paced floor ${pacedFloorMs(held.longest, size.terminals, PAGE_LATENCY_MS)} ms), ` +
            `${report.indexed} rows, app CPU ${report.cpuMs} ms, site CPU ${Math.round(siteCpu)} ms, peak RSS ${report.peakRssMb} MB`,
        );
        figures.record(`${p}.measured`, complete ? report.ms : null);
        figures.record(`${p}.ideal`, ideal);
        figures.record(`${p}.ratio`, complete ? Math.round((report.ms / ideal) * 10) / 10 : null);
        figures.record(`${p}.pacedFloor`, pacedFloorMs(held.longest, size.terminals, PAGE_LATENCY_MS));
        figures.record(`${p}.indexed`, report.indexed);
        figures.record(`${p}.failed`, report.failed);
        figures.record(`${p}.appCpu`, report.cpuMs);
        figures.record(
          `${p}.appCpuPerRow`,
          report.indexed > 0 ? Math.round((10_000 * report.cpuMs) / report.indexed) / 10 : null,
        );
        figures.record(`${p}.appPeakRss`, report.peakRssMb);
        figures.record(`${p}.siteCpu`, Math.round(siteCpu));
        if (report.indexed !== held.total)
          figures.note(`${p}.indexed`, `run ${run}: ${report.indexed} indexed, ${held.total} held`);
        if (!complete)
          figures.note(
            `${p}.measured`,
            `run ${run}: ${report.added}/${size.terminals} terminals added; ${report.failures.join('; ')}`,
          );
      });
    }
    figures.note(
      `${p}.ratio`,
      `The app pauses ${DEFAULT_REFRESH.paceMs} ms between two pages of one terminal (gentle on small terminals) and reads ${DEFAULT_REFRESH.parallel} terminals at a time; the ideal has neither (see pacedFloor).`,
    );
    return figures.figures();
  },
};
