import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from './figures.ts';
import type { Benchmark, BenchmarkResult, SiteLayout } from './types.ts';

/** How the runner runs the selected benchmarks. */
export interface RunOptions {
  quick: boolean;
  runs: number;
  commit: string;
  log: (line: string) => void;
  /** How site benchmarks run the terminals (default light). */
  site?: SiteLayout;
}

/**
 * Runs one benchmark and turns its figures into results: skipped (with the reason) when it cannot run
 * here, failed (with the error) when it throws. Its scratch directory is deleted either way.
 */
export async function runBenchmark(benchmark: Benchmark, options: RunOptions): Promise<BenchmarkResult> {
  const base = {
    name: benchmark.name,
    description: benchmark.description,
    date: new Date().toISOString(),
    commit: options.commit,
    quick: options.quick,
    runs: options.runs,
  };
  const load = loadWatch();
  const started = performance.now();
  const seconds = (): number => Math.round((performance.now() - started) / 100) / 10;
  const unavailable = benchmark.unavailable?.() ?? null;
  if (unavailable) {
    options.log(`${benchmark.name}: skipped, ${unavailable}`);
    return { ...base, seconds: 0, load: load.stop(), skipped: unavailable, figures: [] };
  }
  const tempDir = mkdtempSync(join(tmpdir(), `fcom-bench-${benchmark.name}-`));
  options.log(`${benchmark.name}: ${options.runs} run(s)${options.quick ? ', quick' : ''}`);
  try {
    const figures = await benchmark.run({
      quick: options.quick,
      runs: options.runs,
      tempDir,
      log: (line) => options.log(`  ${line}`),
      site: options.site ?? 'light',
    });
    return { ...base, seconds: seconds(), load: load.stop(), figures: figures.map(summarize) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    options.log(`${benchmark.name}: failed, ${message}`);
    return { ...base, seconds: seconds(), load: load.stop(), error: message, figures: [] };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

/** How often the load average is sampled while a benchmark runs. */
const LOAD_SAMPLE_MS = 5_000;

/** Watches the 1-minute load average from now until `stop`, which returns the first and the highest value. */
function loadWatch(): { stop(): { atStart: number; max: number } } {
  const sample = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const atStart = sample();
  let max = atStart;
  const timer = setInterval(() => (max = Math.max(max, sample())), LOAD_SAMPLE_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return { atStart, max: Math.max(max, sample()) };
    },
  };
}
