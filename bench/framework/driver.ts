/**
 * What every benchmark driver script (bench/laptop, bench/loopback) shares: milliseconds rounded to a
 * tenth for its report, and the way it runs its `main` (exit 0 when done, a named one-line error and exit 1
 * when it throws, so the benchmark reports the driver's own words).
 */

/** Rounds a duration in ms to one decimal, as the drivers' reports give them. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Runs a driver's `main` and ends the process: 0 when it resolved, 1 with `name: message` on stderr when not. */
export function runDriver(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
