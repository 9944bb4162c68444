import { describe, expect, it } from 'vitest';
import { createRecorder, median, summarize } from './figures.ts';
import { END_MARKER, replaceSection, START_MARKER } from './markdown.ts';
import { mergeResults } from './results.ts';
import type { BenchmarkResult, MachineInfo } from './types.ts';

const MACHINE: MachineInfo = { cpuModel: 'cpu', cores: 2, memoryGiB: 8, os: 'Linux', arch: 'x64', node: '24.0.0' };

function result(name: string, date = '2025-01-01T00:00:00.000Z'): BenchmarkResult {
  const base = { description: name, commit: 'abc', quick: false, runs: 1, seconds: 1 };
  return { ...base, name, date, load: { atStart: 0, max: 0 }, figures: [] };
}

describe('figures', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('meets a target only when every run produced the figure', () => {
    const recorder = createRecorder();
    recorder.declare({ name: 'x.all', description: 'd', unit: 'ms', target: { below: 1000 } });
    recorder.record('x.all', 400);
    recorder.record('x.all', 600);
    expect(summarize(recorder.figures()[0]!)).toMatchObject({ median: 500, min: 400, max: 600, met: true });
    recorder.record('x.all', null);
    expect(summarize(recorder.figures()[0]!)).toMatchObject({ median: 500, runs: 3, complete: 2, met: false });
    expect(() => recorder.record('nope', 1)).toThrow(/not declared/);
  });

  it('compares atLeast targets inclusively', () => {
    const figure = { name: 'n', description: 'd', unit: 'x', samples: [200], target: { atLeast: 200 } };
    expect(summarize(figure).met).toBe(true);
  });
});

describe('BENCHMARKS.md', () => {
  it('replaces only what lies between the markers', () => {
    const doc = `intro\n\n${START_MARKER}\nold\n${END_MARKER}\n\n## Analysis\nkept\n`;
    const out = replaceSection(doc, 'new table');
    expect(out).toContain('intro');
    expect(out).toContain('new table');
    expect(out).not.toContain('old');
    expect(out).toContain('## Analysis\nkept');
  });

  it('starts a missing document with the introduction and the markers', () => {
    const out = replaceSection('', 'table');
    expect(out.startsWith('# Benchmarks')).toBe(true);
    expect(out.indexOf(START_MARKER)).toBeLessThan(out.indexOf(END_MARKER));
  });
});

describe('results.json', () => {
  it('keeps other benchmarks of the same machine and orders them as the registry', () => {
    const previous = {
      schema: 1 as const,
      machine: MACHINE,
      date: 'd',
      commit: 'c',
      benchmarks: [result('b'), result('a')],
    };
    const merged = mergeResults(
      previous,
      { machine: MACHINE, date: 'd2', commit: 'c2', benchmarks: [result('a', 'new')] },
      ['a', 'b'],
      () => undefined,
    );
    expect(merged.benchmarks.map((b) => [b.name, b.date])).toEqual([
      ['a', 'new'],
      ['b', '2025-01-01T00:00:00.000Z'],
    ]);
  });

  it('drops earlier results of another machine', () => {
    const previous = { schema: 1 as const, machine: MACHINE, date: 'd', commit: 'c', benchmarks: [result('b')] };
    const lines: string[] = [];
    const merged = mergeResults(
      previous,
      { machine: { ...MACHINE, cores: 64 }, date: 'd2', commit: 'c2', benchmarks: [result('a')] },
      ['a', 'b'],
      (line) => lines.push(line),
    );
    expect(merged.benchmarks.map((b) => b.name)).toEqual(['a']);
    expect(lines[0]).toMatch(/another machine/);
  });
});
