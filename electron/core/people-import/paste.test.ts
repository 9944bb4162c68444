import { describe, expect, it } from 'vitest';
import { RemovalListSchema } from '../../../shared/domain/people-import.ts';
import { AppError } from '../../../shared/errors.ts';
import { parsePastedIds } from './paste.ts';

const UUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

describe('parsePastedIds', () => {
  it('splits on line breaks, commas, semicolons, spaces and tabs, keeping the line of each id', () => {
    const list = parsePastedIds(`1001, 1002;1003\r\n\r\n1004\t${UUID}  "1005"\n1001\n`);
    expect(RemovalListSchema.parse(list)).toEqual(list);
    expect(list.items).toEqual([
      { line: 1, nativeId: '1001' },
      { line: 1, nativeId: '1002' },
      { line: 1, nativeId: '1003' },
      { line: 3, nativeId: '1004' },
      { line: 3, nativeId: UUID },
      { line: 3, nativeId: '1005' },
    ]);
    expect(list).toMatchObject({ duplicates: 1, blankLines: 1, totalRows: 7, invalidRows: 0, errors: [] });
  });

  it('accepts Chinese separators and full-width spaces', () => {
    const list = parsePastedIds('1001，1002、1003\u30001004');
    expect(list.items.map((item) => item.nativeId)).toEqual(['1001', '1002', '1003', '1004']);
  });

  it('skips a header line of column labels', () => {
    const list = parsePastedIds('identity_id\n1001\n1002\n');
    expect(list.items.map((item) => item.line)).toEqual([2, 3]);
    expect(list.totalRows).toBe(2);
  });

  it('reports invalid ids by line', () => {
    const list = parsePastedIds(`1001\n${'x'.repeat(65)}\n1.23457E+17\n`);
    expect(list.items).toHaveLength(1);
    expect(list.errors).toMatchObject([
      { line: 2, code: 'invalid_native_id' },
      { line: 3, code: 'scientific_notation' },
    ]);
  });

  it('throws a VALIDATION error for an empty paste', () => {
    expect(() => parsePastedIds(' \n\n')).toThrow(AppError);
    expect(() => parsePastedIds('')).toThrow(/no rows with ids/);
  });
});
