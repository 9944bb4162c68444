/**
 * What a benchmark promises for one figure: the median must stay `below` a value (times, sizes) or reach
 * `atLeast` a value (counts, throughputs). Exactly one of the two is set.
 */
export interface Target {
  below?: number;
  atLeast?: number;
}

/** One measured quantity of a benchmark, with one sample per run (null when that run could not produce it). */
export interface Figure {
  /** Stable dotted name, unique across benchmarks, e.g. `discovery.200.all`. */
  name: string;
  /** One sentence: what is measured, from when to when. */
  description: string;
  /** `ms`, `MB`, `terminals`, `datagrams`, `items/s`, ... */
  unit: string;
  samples: Array<number | null>;
  target?: Target;
  /** Short remarks worth keeping beside the numbers (e.g. which run hit a cap and what it found). */
  notes?: string[];
}

/** What a benchmark gets from the runner. */
export interface BenchContext {
  /** The small CI version: fewer sizes, fewer runs, shorter caps. */
  quick: boolean;
  /** How many times to repeat each measurement (full: 5, quick: 2, or `--runs N`). */
  runs: number;
  /** A scratch directory of this benchmark, deleted after it ran. */
  tempDir: string;
  /** Progress lines for the person running the bench (stderr). */
  log(line: string): void;
  /**
   * How benchmarks on the simulated site run its terminals (`--site`): `light` (the default) one process for
   * every terminal, so the site costs a small share of the CPU and the figures measure the app;
   * `per-terminal` one process and namespace each, as the realism tests run them.
   */
  site?: SiteLayout;
}

/** How the simulated site runs its terminals (see {@link BenchContext.site}). */
export type SiteLayout = 'light' | 'per-terminal';

/**
 * A benchmark: `run` repeats its measurements `ctx.runs` times itself (so expensive set-up such as a
 * simulated site can be shared or renewed as the benchmark sees fit) and returns its figures.
 */
export interface Benchmark {
  /** Short lower-case name, used by `--only` and as the prefix of its figures. */
  name: string;
  description: string;
  /** Why it cannot run on this machine (then it is reported as skipped), or null. */
  unavailable?(): string | null;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** A figure as written to results.json and BENCHMARKS.md. */
export interface FigureResult {
  name: string;
  description: string;
  unit: string;
  /** Median over the runs that produced the figure; null when none did. */
  median: number | null;
  min: number | null;
  max: number | null;
  /** Runs attempted. */
  runs: number;
  /** Runs that produced the figure (fewer than `runs` when some hit a cap). */
  complete: number;
  samples: Array<number | null>;
  target: Target | null;
  /** Whether the target is met: every run produced the figure and the median satisfies it; null without a target. */
  met: boolean | null;
  notes: string[];
}

/** The hardware and software a run happened on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  arch: string;
  node: string;
}

/** One benchmark's outcome in results.json. */
export interface BenchmarkResult {
  name: string;
  description: string;
  /** ISO date and time the benchmark started. */
  date: string;
  commit: string;
  quick: boolean;
  runs: number;
  /** Wall time of the whole benchmark, set-up included, in seconds. */
  seconds: number;
  /** 1-minute load average when it started and the highest seen while it ran: the machine may be shared. */
  load: { atStart: number; max: number };
  /** Why it did not run, when it did not. */
  skipped?: string;
  /** Why it failed, when it threw. */
  error?: string;
  figures: FigureResult[];
}

/** The whole of bench/results.json. */
export interface ResultsFile {
  schema: 1;
  machine: MachineInfo;
  /** When the latest run started (ISO). */
  date: string;
  /** Commit of the latest run, with `-dirty` when the working tree had changes. */
  commit: string;
  benchmarks: BenchmarkResult[];
}
