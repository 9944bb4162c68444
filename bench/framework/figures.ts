import type { Figure, FigureResult, Target } from './types.ts';

/** The median of `values` (mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Whether `value` satisfies `target`. */
export function meets(value: number, target: Target): boolean {
  if (target.below !== undefined && !(value < target.below)) return false;
  if (target.atLeast !== undefined && !(value >= target.atLeast)) return false;
  return true;
}

/** Rounds to at most `digits` decimals (results stay readable, no float noise). */
export function roundTo(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Median, min and max over a figure's samples, and whether its target is met. */
export function summarize(figure: Figure): FigureResult {
  const values = figure.samples.filter((v): v is number => v !== null && Number.isFinite(v));
  const mid = median(values);
  const target = figure.target ?? null;
  const complete = values.length;
  const met = target === null ? null : mid !== null && complete === figure.samples.length && meets(mid, target);
  return {
    name: figure.name,
    description: figure.description,
    unit: figure.unit,
    median: mid === null ? null : roundTo(mid),
    min: complete > 0 ? roundTo(Math.min(...values)) : null,
    max: complete > 0 ? roundTo(Math.max(...values)) : null,
    runs: figure.samples.length,
    complete,
    samples: figure.samples.map((v) => (v === null ? null : roundTo(v))),
    target,
    met,
    notes: figure.notes ?? [],
  };
}

/** How a figure is declared before its samples are recorded. */
export type FigureSpec = Omit<Figure, 'samples' | 'notes'>;

/** Collects a benchmark's samples run by run, in declaration order. */
export interface FigureRecorder {
  /** Declares a figure (once); recording an undeclared name throws. */
  declare(spec: FigureSpec): void;
  /** Adds one run's sample (null: this run could not produce it). */
  record(name: string, value: number | null): void;
  note(name: string, text: string): void;
  figures(): Figure[];
}

/** Creates a {@link FigureRecorder}. */
export function createRecorder(): FigureRecorder {
  const figures = new Map<string, Figure>();
  const get = (name: string): Figure => {
    const figure = figures.get(name);
    if (!figure) throw new Error(`Figure ${name} was not declared.`);
    return figure;
  };
  return {
    declare(spec) {
      if (!figures.has(spec.name)) figures.set(spec.name, { ...spec, samples: [], notes: [] });
    },
    record: (name, value) => void get(name).samples.push(value),
    note: (name, text) => void get(name).notes?.push(text),
    figures: () => [...figures.values()],
  };
}
