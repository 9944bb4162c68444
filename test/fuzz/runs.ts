import type { Parameters } from 'fast-check';

/** Cases per boundary in CI when FCOM_FUZZ_RUNS is not set: a few hundred keeps the run under a minute. */
export const DEFAULT_FUZZ_RUNS = 300;

/** Cases per boundary of the full run (`FCOM_FUZZ_RUNS=10000 npx vitest run test/fuzz`). */
export const FULL_FUZZ_RUNS = 10_000;

/**
 * Cases per boundary: FCOM_FUZZ_RUNS when it is a positive whole number, else {@link DEFAULT_FUZZ_RUNS}.
 * `share` scales it for the expensive variants of a boundary (multi-megabyte files), never below `floor`.
 */
export function fuzzRuns(share = 1, floor = 1, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FCOM_FUZZ_RUNS?.trim() ?? '';
  const runs = /^\d{1,7}$/.test(raw) && Number(raw) > 0 ? Number(raw) : DEFAULT_FUZZ_RUNS;
  return Math.max(floor, Math.round(runs * share));
}

/**
 * fast-check options for one property: the run count, FCOM_FUZZ_SEED (the seed a failure printed) to replay
 * a failure, and a time limit: a property that fails on an expensive boundary can shrink for a long time, so
 * it stops after `limitMs` and reports the failure (or the interruption) instead of hitting the test time-out.
 */
export function fuzzOptions<T>(
  share = 1,
  floor = 1,
  limitMs?: number,
  env: NodeJS.ProcessEnv = process.env,
): Parameters<T> {
  const seed = env.FCOM_FUZZ_SEED?.trim();
  const options: Parameters<T> = { numRuns: fuzzRuns(share, floor, env) };
  if (limitMs !== undefined) {
    options.interruptAfterTimeLimit = limitMs;
    options.markInterruptAsFailure = true;
  }
  if (seed && /^-?\d+$/.test(seed)) options.seed = Number(seed);
  return options;
}

/** A vitest time-out for a property of `share` runs costing about `msPerRun` each, at least `minimumMs`. */
export function fuzzTimeout(msPerRun: number, share = 1, minimumMs = 20_000): number {
  return Math.max(minimumMs, Math.ceil(fuzzRuns(share) * msPerRun));
}

/**
 * The time limit to give {@link fuzzOptions} for a property whose test has `fuzzTimeout(msPerRun, share)`:
 * five seconds less, so that fast-check reports a failure found late (still shrinking) before vitest's
 * time-out hides it.
 */
export function fuzzLimit(msPerRun: number, share = 1, minimumMs = 20_000): number {
  return fuzzTimeout(msPerRun, share, minimumMs) - 5_000;
}
