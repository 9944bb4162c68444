import { writeFileSync } from 'node:fs';
import { freemem } from 'node:os';
import { join, resolve } from 'node:path';
import type { Site } from '../../tools/sim/site/site.ts';
import { createRecorder, type FigureRecorder } from '../framework/figures.ts';
import type { BenchContext, Benchmark, Target } from '../framework/types.ts';
import type { DiscoverUntilReport, ExpectedTerminal } from '../laptop/discover-until.ts';
import { runLaptopScript } from '../site/laptop.ts';
import { cpuMsOf, laptopUdpCounters, pssMbOf, terminalPids } from '../site/site-stats.ts';
import { namespaceSiteUnavailable, withSite } from '../site/site-run.ts';

/** The laptop-side driver this benchmark runs in the site's laptop namespace. */
const DRIVER = resolve(import.meta.dirname, '../laptop/discover-until.ts');

/** Site sizes of the full and the quick bench. */
const FULL_SIZES = [10, 50, 200];
const QUICK_SIZES = [10];

/**
 * The size the targets speak of (issue 19), and the targets: every one of 200 terminals identified in under 1 s
 * (median), the first in under 200 ms, no datagram dropped.
 */
const TARGET_SIZE = 200;
const TARGET_MS = 1_000;
const FIRST_TARGET_MS = 200;

/**
 * How long one run waits for every terminal: beyond the app's 30 s mDNS re-query, so a terminal whose
 * answer was lost still has one more chance. Quick runs (10 terminals) need far less.
 */
const FULL_CAP_MS = 35_000;
const QUICK_CAP_MS = 10_000;

/**
 * Quiet time between the site being ready and discovery: lets the terminals' own announcements (sent at
 * start and again 3 s later) die down, so the run measures the app's query and what answers it.
 */
const SETTLE_MS = 4_000;

/** People per terminal: small, to keep start-up cheap (discovery does not read them). */
const PEOPLE_PER_TERMINAL = 5;

/**
 * Memory one terminal takes, to skip sizes that do not fit: a terminal process (PSS about 24 MB measured,
 * with room to spare), or a terminal of the light site's one process (well under 1 MB; the process itself
 * about 60 MB).
 */
const MB_PER_TERMINAL = { 'per-terminal': 40, light: 1 } as const;

function declareFigures(figures: FigureRecorder, n: number, capSeconds: number): void {
  const p = `discovery.${n}`;
  const declare = (suffix: string, unit: string, description: string, target?: Target): void =>
    figures.declare({ name: `${p}.${suffix}`, description, unit, ...(target ? { target } : {}) });
  const allTarget = n === TARGET_SIZE ? { below: TARGET_MS } : undefined;
  declare(
    'all',
    'ms',
    'from `discovery:start` until every terminal is in the inventory with kind and serial',
    allTarget,
  );
  declare('p90', 'ms', 'until 90 % of the terminals are identified');
  declare(
    'first',
    'ms',
    'until the first terminal is identified',
    n === TARGET_SIZE ? { below: FIRST_TARGET_MS } : undefined,
  );
  declare('identified', 'terminals', `terminals identified within the ${capSeconds} s cap`, { atLeast: n });
  declare('udpDrops', 'datagrams', "UDP datagrams the laptop's sockets dropped, receive buffer full (RcvbufErrors)", {
    below: 1,
  });
  declare('appCpu', 'ms', "CPU time of the app's process during the run");
  declare('siteCpu', 'ms', 'CPU time of the simulated terminals during the run (they share the cores with the app)');
  declare('siteStart', 'ms', 'site start-up: LAN built, every terminal serving and announced (not in the target)');
  declare('siteMemory', 'MB', 'memory of the terminal processes together (PSS)');
}

/** How the bench runs the site's terminals (light unless `--site per-terminal`). */
function layoutOf(ctx: BenchContext): 'light' | 'per-terminal' {
  return ctx.site === 'per-terminal' ? 'per-terminal' : 'light';
}

/** Time by which `share` of `count` terminals were identified, from the sorted identification times. */
function timeToShare(times: readonly number[], count: number, share: number): number | null {
  const needed = Math.ceil(count * share);
  return times.length >= needed && needed > 0 ? (times[needed - 1] ?? null) : null;
}

/** How the site ran its terminals, for the notes. */
function siteNote(site: Site): string {
  return site.light ? `one process for ${site.terminals.length} terminals` : 'one process per terminal';
}

/** One run: discovery from a fresh app core against a running site, and what the site spent meanwhile. */
async function discoverOnce(site: Site, ctx: BenchContext, capMs: number, run: number): Promise<RunOutcome> {
  const expectFile = join(ctx.tempDir, `expected-${site.terminals.length}-${run}.json`);
  const expected: ExpectedTerminal[] = site.terminals.map((t) => ({ serial: t.serial, kind: t.kind }));
  writeFileSync(expectFile, JSON.stringify(expected));
  const pids = terminalPids(site);
  const udpBefore = await laptopUdpCounters(site);
  const cpuBefore = cpuMsOf(pids);
  const report = await runLaptopScript<DiscoverUntilReport>(
    site,
    DRIVER,
    ['--expect', expectFile, '--cap-ms', String(capMs)],
    { timeoutMs: capMs + 30_000 },
  );
  const siteCpu = cpuMsOf(pids) - cpuBefore;
  const udpAfter = await laptopUdpCounters(site);
  return { report, siteCpu, udpDrops: (udpAfter.RcvbufErrors ?? 0) - (udpBefore.RcvbufErrors ?? 0) };
}

interface RunOutcome {
  report: DiscoverUntilReport;
  siteCpu: number;
  udpDrops: number;
}

async function measureSize(figures: FigureRecorder, ctx: BenchContext, n: number, capMs: number): Promise<void> {
  const p = `discovery.${n}`;
  for (let run = 1; run <= ctx.runs; run++) {
    await withSite(
      {
        terminals: n,
        kind: 'mixed',
        seed: 'bench',
        peoplePerTerminal: PEOPLE_PER_TERMINAL,
        light: layoutOf(ctx) === 'light',
        log: () => undefined,
      },
      async (site, startupMs) => {
        figures.record(`${p}.siteStart`, startupMs);
        await new Promise((done) => setTimeout(done, SETTLE_MS));
        figures.record(`${p}.siteMemory`, pssMbOf(terminalPids(site)));
        const { report, siteCpu, udpDrops } = await discoverOnce(site, ctx, capMs, run);
        figures.record(`${p}.all`, report.msToAll);
        figures.record(`${p}.p90`, timeToShare(report.times, n, 0.9));
        figures.record(`${p}.first`, report.msToFirst);
        figures.record(`${p}.identified`, report.identified);
        figures.record(`${p}.udpDrops`, udpDrops);
        figures.record(`${p}.appCpu`, report.cpuMs);
        figures.record(`${p}.siteCpu`, siteCpu);
        if (report.identified < n) {
          figures.note(`${p}.all`, `run ${run}: ${report.identified} of ${n} identified within ${capMs / 1000} s.`);
        }
        if (report.surprises.length > 0) {
          figures.note(`${p}.identified`, `run ${run}: unexpected rows ${report.surprises.slice(0, 5).join(', ')}.`);
        }
        if (report.error) figures.note(`${p}.all`, `run ${run}: ${report.error}`);
        if (run === 1) figures.note(`${p}.all`, `${layoutOf(ctx)} site (${siteNote(site)}).`);
        const all = report.msToAll === null ? `not all (${report.identified}/${n})` : `${report.msToAll} ms`;
        ctx.log(
          `discovery ${n}, run ${run}/${ctx.runs}: all ${all}, first ${report.msToFirst} ms, ` +
            `UDP drops ${udpDrops}, app CPU ${report.cpuMs} ms, site CPU ${siteCpu} ms, site start ${Math.round(startupMs)} ms`,
        );
      },
    );
  }
}

/**
 * Discovery: for 10, 50 and 200 terminals (quick: 10), each run starts a fresh simulated site of mixed
 * kinds, then a fresh app core on the laptop side browses mDNS until every terminal is identified.
 */
export const discoveryBenchmark: Benchmark = {
  name: 'discovery',
  description:
    'mDNS discovery on the simulated site LAN: time from the start of browsing until every terminal is identified',
  unavailable: namespaceSiteUnavailable,
  async run(ctx) {
    const figures = createRecorder();
    const capMs = ctx.quick ? QUICK_CAP_MS : FULL_CAP_MS;
    const sizes = ctx.quick ? QUICK_SIZES : FULL_SIZES;
    for (const n of sizes) declareFigures(figures, n, capMs / 1000);
    for (const n of sizes) {
      const availableMb = freemem() / 1024 ** 2;
      const neededMb = n * MB_PER_TERMINAL[layoutOf(ctx)];
      if (neededMb > availableMb) {
        const why = `skipped: ${n} terminals need about ${neededMb} MB, ${Math.round(availableMb)} MB are free.`;
        ctx.log(`discovery ${n}: ${why}`);
        figures.note(`discovery.${n}.all`, why);
        continue;
      }
      await measureSize(figures, ctx, n, capMs);
    }
    return figures.figures();
  },
};
