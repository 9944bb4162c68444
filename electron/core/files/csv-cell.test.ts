import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzOptions } from '../../../test/fuzz/runs.ts';
import type { JobItem, JobSummary } from '../../../shared/domain/removal.ts';
import { exportJob } from '../jobs/export.ts';
import { renderCsv } from '../report/csv.ts';
import { csvCell, guardFormula } from './csv-cell.ts';

/** What a spreadsheet runs as a formula: after any leading spaces, one of = + - @ (ASCII or full-width). */
const RUNS_AS_FORMULA = /^[\s\u3000]*[=+\-@＝＋－＠]|^[\t\r\n]/;

/** Reads one CSV cell back as a spreadsheet sees it (quotes removed). */
function unquote(cell: string): string {
  return cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}

const DANGEROUS = [
  '=1+1',
  '+cmd',
  '-2+3',
  '@SUM(A1)',
  '\t=x',
  '\r=x',
  '＝1+1',
  '＋cmd',
  '－2',
  '＠SUM(A1)',
  '  =x',
  '\u3000＝x',
];

describe('the formula guard of every export', () => {
  it.each(DANGEROUS)('guards %j (ASCII, full-width, after spaces)', (text) => {
    expect(guardFormula(text)).toBe(`'${text}`);
    expect(unquote(csvCell(text))).toBe(`'${text}`);
  });

  it('leaves plain text, numbers and booleans as they are', () => {
    expect(csvCell('Zhang San')).toBe('Zhang San');
    expect(csvCell('张三')).toBe('张三');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
  });

  it('property: no cell read back runs as a formula, and the text after the guard is the original', () => {
    const alphabet = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '＝',
      '＋',
      '－',
      '＠',
      ' ',
      '\t',
      '\r',
      '\n',
      '"',
      ',',
      'a',
      '张',
      '\u3000',
    );
    const text = fc.oneof(fc.string(), fc.string({ unit: alphabet }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(text, (value) => {
        const seen = unquote(csvCell(value));
        expect(RUNS_AS_FORMULA.test(seen)).toBe(false);
        expect(seen === value || seen === `'${value}`).toBe(true);
      }),
      fuzzOptions(),
    );
  });

  // The push export writes through the same csvField (removal/export.ts), which always guards now.
  it('the job export and the report guard every text column, the terminal column included', () => {
    const hostile = '＝HYPERLINK("http://evil","x")';
    const summary = { id: 'job-1', createdAt: 0 } as JobSummary;
    const item = {
      seq: 0,
      terminal: hostile,
      terminalKind: 'sophon',
      line: 2,
      name: '－cmd',
      personKey: '＋1',
      idKind: 'identity_id',
      nativeId: '@1',
      faceId: null,
      outcome: 'removed',
      rawCode: '=0',
      reason: '＠x',
      attempts: 1,
      verified: null,
      updatedAt: 0,
    } as unknown as JobItem;
    const job = exportJob(summary, [item], 'csv').content;
    for (const line of job
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .slice(1, -1)) {
      for (const cell of line.match(/("([^"]|"")*"|[^,]*)/g)?.filter((c) => c !== '') ?? []) {
        expect(RUNS_AS_FORMULA.test(unquote(cell)), cell).toBe(false);
      }
    }
    expect(job).toContain(`"'${hostile.replace(/"/g, '""')}"`);
    const report = renderCsv(
      [
        {
          serial: hostile,
          name: '＝x',
          kind: 'sophon',
          model: '@m',
          firmware: '-1',
          address: '10.0.0.1',
          port: 80,
          online: true,
          lastSeen: null,
          peopleCount: 1,
        } as never,
      ],
      [],
    ).content;
    expect(report).toContain(`"'${hostile.replace(/"/g, '""')}"`);
    expect(report).toContain(",'＝x,");
  });
});
