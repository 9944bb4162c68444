import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sameMachine } from './machine.ts';
import type { BenchmarkResult, MachineInfo, ResultsFile } from './types.ts';

/** Reads a results file; undefined when it is missing or not one this version writes. */
export function readResults(path: string): ResultsFile | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ResultsFile>;
    return parsed.schema === 1 && Array.isArray(parsed.benchmarks) && parsed.machine
      ? (parsed as ResultsFile)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The results after a run: this run's benchmarks replace the previous results of the same name; the other
 * previous results are kept (a `--only` run updates its own figures and nothing else) when they were
 * measured on the same kind of machine, and dropped otherwise (one file describes one machine), with a
 * line through `log`. Benchmarks come out in `order` (the registry's), unknown ones last.
 */
export function mergeResults(
  previous: ResultsFile | undefined,
  current: { machine: MachineInfo; date: string; commit: string; benchmarks: BenchmarkResult[] },
  order: readonly string[],
  log: (line: string) => void,
): ResultsFile {
  const fresh = new Set(current.benchmarks.map((b) => b.name));
  let kept: BenchmarkResult[] = previous?.benchmarks.filter((b) => !fresh.has(b.name)) ?? [];
  if (previous && kept.length > 0 && !sameMachine(previous.machine, current.machine)) {
    log(`Dropping earlier results of ${kept.map((b) => b.name).join(', ')}: they were measured on another machine.`);
    kept = [];
  }
  const rank = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);
  const benchmarks = [...kept, ...current.benchmarks].sort((a, b) => rank(a.name) - rank(b.name));
  return { schema: 1, machine: current.machine, date: current.date, commit: current.commit, benchmarks };
}

/**
 * Formats `text` as Prettier would for `path` (with the repository's settings), so regenerated files pass
 * `prettier --check`; returns it unchanged when Prettier is not installed.
 */
export async function prettierFormat(path: string, text: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(path)) ?? {};
    return await prettier.format(text, { ...config, filepath: path });
  } catch {
    return text;
  }
}

/** Writes results.json (Prettier-formatted). */
export async function writeResults(path: string, results: ResultsFile): Promise<void> {
  writeFileSync(path, await prettierFormat(path, `${JSON.stringify(results, null, 2)}\n`));
}
