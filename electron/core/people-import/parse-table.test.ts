import { describe, expect, it } from 'vitest';
import { PeopleTableSchema } from '../../../shared/domain/people-import.ts';
import { parsePeopleTable } from './parse-table.ts';

const lines = (table: ReturnType<typeof parsePeopleTable>): number[] => table.rows.map((row) => row.line);
const cells = (table: ReturnType<typeof parsePeopleTable>): string[][] => table.rows.map((row) => row.cells);

describe('parsePeopleTable', () => {
  it('detects a header of known labels and suggests a kind per column', () => {
    const table = parsePeopleTable('人员ID,姓名,卡号\n1001,张三,A1\n');
    expect(PeopleTableSchema.parse(table)).toEqual(table);
    expect(table).toMatchObject({ hasHeader: true, headerLine: 1, delimiter: ',', fieldCount: 3, blankLines: 0 });
    expect(table.columns).toEqual([
      { index: 0, label: '人员ID', suggestedKind: 'identity_id' },
      { index: 1, label: '姓名', suggestedKind: 'name' },
      { index: 2, label: '卡号', suggestedKind: null },
    ]);
    expect(table.rows).toEqual([{ line: 2, cells: ['1001', '张三', 'A1'] }]);
  });

  it('names the columns of a table without header and suggests the first as native id', () => {
    const table = parsePeopleTable('1001,Ann\n1002,Bob\n');
    expect(table.hasHeader).toBe(false);
    expect(table.headerLine).toBeNull();
    expect(table.columns).toEqual([
      { index: 0, label: 'Column 1', suggestedKind: 'nativeId' },
      { index: 1, label: 'Column 2', suggestedKind: null },
    ]);
    expect(lines(table)).toEqual([1, 2]);
  });

  it('reads a single-column list without header', () => {
    const table = parsePeopleTable('1001\n1002\n\n1003');
    expect(table).toMatchObject({ hasHeader: false, fieldCount: 1, delimiter: ',', blankLines: 1 });
    expect(cells(table)).toEqual([['1001'], ['1002'], ['1003']]);
    expect(lines(table)).toEqual([1, 2, 4]);
  });

  it('detects tabs (TSV)', () => {
    const table = parsePeopleTable('identity_id\tname\n1001\tSmith, John\n1002\tDoe, Jane\n');
    expect(table.delimiter).toBe('\t');
    expect(cells(table)).toEqual([
      ['1001', 'Smith, John'],
      ['1002', 'Doe, Jane'],
    ]);
  });

  it('detects semicolons (European Excel) even when values contain commas', () => {
    const table = parsePeopleTable('identity_id;name\r\n1001;Müller, Hans\r\n1002;Weiß, Eva\r\n');
    expect(table.delimiter).toBe(';');
    expect(cells(table)).toEqual([
      ['1001', 'Müller, Hans'],
      ['1002', 'Weiß, Eva'],
    ]);
  });

  it('honours a forced delimiter', () => {
    const text = 'identity_id;name\n1;A,B\n2;C,D\n';
    expect(parsePeopleTable(text).delimiter).toBe(';');
    const table = parsePeopleTable(text, { delimiter: ',' });
    expect(table.delimiter).toBe(',');
    expect(table.fieldCount).toBe(2);
    expect(cells(table)).toEqual([['identity_id;name'], ['1;A', 'B'], ['2;C', 'D']]);
  });

  it('follows an Excel "sep=" hint line and keeps counting lines from it', () => {
    const table = parsePeopleTable('sep=;\r\nidentity_id;name\r\n1001;Ann, Lee\r\n');
    expect(table).toMatchObject({ delimiter: ';', hasHeader: true, headerLine: 2, blankLines: 0 });
    expect(table.rows).toEqual([{ line: 3, cells: ['1001', 'Ann, Lee'] }]);
  });

  it('detects the delimiter despite blank lines among the first rows', () => {
    const table = parsePeopleTable('identity_id\tname\n\n1001\tA\n\n1002\tB\n\n1003\tC\n\n1004\tD\n');
    expect(table.delimiter).toBe('\t');
    expect(table.blankLines).toBe(4);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, and numbers lines after them', () => {
    const text = [
      'identity_id,name',
      '1001,"Smith, John"',
      '1002,"The ""Boss"""',
      '1003,"two',
      'lines"',
      '',
      '1004,"three',
      'more',
      'lines"',
      '1005,after',
    ].join('\r\n');
    const table = parsePeopleTable(text);
    expect(table.issues).toEqual([]);
    expect(table.rows).toEqual([
      { line: 2, cells: ['1001', 'Smith, John'] },
      { line: 3, cells: ['1002', 'The "Boss"'] },
      { line: 4, cells: ['1003', 'two\nlines'] },
      { line: 7, cells: ['1004', 'three\nmore\nlines'] },
      { line: 10, cells: ['1005', 'after'] },
    ]);
    expect(table.blankLines).toBe(1);
  });

  it('counts lines of CR-only and mixed line breaks', () => {
    const table = parsePeopleTable('identity_id\r1001\r\r1002\n1003\r\n\r\n1004');
    expect(lines(table)).toEqual([2, 4, 5, 7]);
    expect(table.blankLines).toBe(2);
  });

  it('skips leading blank lines and lines of only spaces or delimiters, keeping original line numbers', () => {
    const table = parsePeopleTable('\n\n人员ID,姓名\n , \n,,\n1001,张三\n');
    expect(table.headerLine).toBe(3);
    expect(table.blankLines).toBe(4);
    expect(table.rows).toEqual([{ line: 6, cells: ['1001', '张三'] }]);
  });

  it('ignores a BOM left in the text', () => {
    const table = parsePeopleTable('\uFEFFidentity_id\n1001\n');
    expect(table.hasHeader).toBe(true);
    expect(table.columns[0]?.suggestedKind).toBe('identity_id');
  });

  it('takes the most common field count when there is no header', () => {
    const table = parsePeopleTable('1,2,3\n4,5\n6,7\n8,9\n');
    expect(table.fieldCount).toBe(2);
    expect(table.columns).toHaveLength(2);
    expect(cells(table)[0]).toEqual(['1', '2', '3']);
  });

  it('reports an unclosed quote at the line where its row starts', () => {
    const table = parsePeopleTable('identity_id,name\n1001,Ann\n1002,"Bob\n1003,Eve\n');
    expect(table.issues).toEqual([
      { line: 3, code: 'unclosed_quote', message: expect.stringMatching(/never closed/) as unknown },
    ]);
    expect(lines(table)).toEqual([2, 3]);
  });

  it('reports text after a closing quote', () => {
    const table = parsePeopleTable('identity_id,name\n1001,"Ann"x\n');
    expect(table.issues[0]).toMatchObject({ line: 2, code: 'invalid_quotes' });
  });

  it('returns an empty table for empty text', () => {
    const table = parsePeopleTable('');
    expect(table).toMatchObject({ rows: [], columns: [], hasHeader: false, fieldCount: 0, blankLines: 0 });
  });

  it('parses 50,000 rows with the right line numbers', () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `${100000 + i},"Person ${i}",${i % 7}`);
    const table = parsePeopleTable(['identity_id,name,group', ...body].join('\r\n') + '\r\n');
    expect(table.rows).toHaveLength(50_000);
    expect(table.rows[0]).toEqual({ line: 2, cells: ['100000', 'Person 0', '0'] });
    expect(table.rows[49_999]).toEqual({ line: 50_001, cells: ['149999', 'Person 49999', String(49_999 % 7)] });
  });
});
