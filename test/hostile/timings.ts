/**
 * Measured times of the hostile-terminal tests, gathered per group and printed as a table at the end of
 * each file (the figures in test/fuzz/README.md and RELIABILITY.md come from these tables).
 */

const timings = new Map<string, Map<string, number[]>>();

/** Records how long `what` took against a terminal of `kind`, in a named group of measurements. */
export function recordTiming(group: string, kind: string, what: string, ms: number): void {
  const byKind = timings.get(group) ?? new Map<string, number[]>();
  timings.set(group, byKind);
  const key = `${kind}\t${what}`;
  byKind.set(key, [...(byKind.get(key) ?? []), ms]);
}

/** The slowest time recorded for each kind of a group, as aligned text lines ("kind  max ms  (slowest call)"). */
export function timingTable(group: string): string {
  const rows = new Map<string, { max: number; what: string }>();
  for (const [key, values] of timings.get(group) ?? []) {
    const [kind = '', what = ''] = key.split('\t');
    const max = Math.max(...values);
    const row = rows.get(kind);
    if (!row || max > row.max) rows.set(kind, { max, what });
  }
  return [...rows]
    .map(
      ([kind, { max, what }]) => `  ${kind.padEnd(16)} ${String(Math.round(max)).padStart(6)} ms  (slowest: ${what})`,
    )
    .join('\n');
}
