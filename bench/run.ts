import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './benchmarks/index.ts';
import { gitCommit, machineInfo } from './framework/machine.ts';
import { formatValue, writeBenchmarksMarkdown } from './framework/markdown.ts';
import { mergeResults, readResults, writeResults } from './framework/results.ts';
import { runBenchmark } from './framework/runner.ts';
import type { BenchmarkResult } from './framework/types.ts';

const ROOT = resolve(import.meta.dirname, '..');
/** Where a full run keeps its results (committed). */
const RESULTS = join(ROOT, 'bench', 'results.json');
/** Where a quick run keeps them (ignored by git: quick figures are not worth committing). */
const QUICK_RESULTS = join(ROOT, 'bench', 'results.quick.json');
const MARKDOWN = join(ROOT, 'BENCHMARKS.md');

const FULL_RUNS = 5;
const QUICK_RUNS = 2;

const USAGE = `Usage: npm run bench -- [--quick] [--only NAME]... [--runs N] [--site light|per-terminal]

  --quick      the small version CI runs: fewer sizes, ${QUICK_RUNS} runs; writes bench/results.quick.json only
  --only NAME  run only this benchmark (repeatable); the others keep their earlier results
  --runs N     runs per measurement (default ${FULL_RUNS}, quick ${QUICK_RUNS})
  --site S     how the simulated site runs its terminals: light (default; one process for all of them, so
               the figures measure the app) or per-terminal (one process and namespace each, as realism tests)

Benchmarks: ${BENCHMARKS.map((b) => b.name).join(', ')}.
A full run writes bench/results.json and the tables of BENCHMARKS.md.`;

function usageError(message: string): never {
  console.error(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/**
 * `npm run bench`: runs every benchmark (or those named by --only) and writes the results. Exit code 0
 * when every selected benchmark ran or was skipped (missed targets included: benchmarks measure), 1 when
 * one failed, 2 when the command line was wrong.
 */
async function main(): Promise<void> {
  let values: { quick?: boolean; only?: string[]; runs?: string; site?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true },
        runs: { type: 'string' },
        site: { type: 'string', default: 'light' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    usageError((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const quick = values.quick ?? false;
  const runs = values.runs === undefined ? (quick ? QUICK_RUNS : FULL_RUNS) : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) usageError(`--runs must be a whole number from 1 to 100.`);
  const site = values.site === 'per-terminal' ? 'per-terminal' : 'light';
  if (values.site !== site) usageError(`--site must be light or per-terminal.`);
  const unknown = (values.only ?? []).filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) usageError(`no benchmark named ${unknown.join(', ')}.`);
  const selected = values.only ? BENCHMARKS.filter((b) => values.only?.includes(b.name)) : BENCHMARKS;

  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const machine = machineInfo();
  const commit = gitCommit(ROOT);
  const date = new Date().toISOString();
  log(
    `bench: ${selected.map((b) => b.name).join(', ')}${quick ? ' (quick)' : ''}, ${runs} run(s), ${site} site, commit ${commit}`,
  );

  const results: BenchmarkResult[] = [];
  for (const benchmark of selected) results.push(await runBenchmark(benchmark, { quick, runs, commit, log, site }));

  const path = quick ? QUICK_RESULTS : RESULTS;
  const merged = mergeResults(
    readResults(path),
    { machine, date, commit, benchmarks: results },
    BENCHMARKS.map((b) => b.name),
    log,
  );
  await writeResults(path, merged);
  if (!quick) await writeBenchmarksMarkdown(MARKDOWN, merged);
  printSummary(results);
  log(`bench: wrote ${quick ? 'bench/results.quick.json' : 'bench/results.json and BENCHMARKS.md'}`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

function printSummary(results: readonly BenchmarkResult[]): void {
  for (const result of results) {
    if (result.skipped) console.log(`${result.name}: skipped (${result.skipped})`);
    if (result.error) console.log(`${result.name}: FAILED (${result.error})`);
    for (const f of result.figures) {
      const target = f.met === null ? '' : f.met ? '  target met' : '  target NOT met';
      const runs = f.complete === f.runs ? '' : ` (${f.complete} of ${f.runs} runs)`;
      console.log(`${f.name.padEnd(28)} ${formatValue(f.median, f.unit).padStart(14)}${runs}${target}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
