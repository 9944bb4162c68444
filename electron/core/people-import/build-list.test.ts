import { describe, expect, it } from 'vitest';
import { RemovalListSchema, type ColumnMapping, type RemovalMode } from '../../../shared/domain/people-import.ts';
import { AppError } from '../../../shared/errors.ts';
import { buildRemovalList } from './build-list.ts';
import { parsePeopleTable } from './parse-table.ts';

const UUID_A = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const UUID_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

const build = (text: string, mapping: ColumnMapping, mode: RemovalMode = 'people') =>
  buildRemovalList(parsePeopleTable(text), mapping, mode);

/** Runs a build that must fail and returns its AppError. */
function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the build succeeded');
}

describe('buildRemovalList in people mode', () => {
  it('keeps valid rows with their lines and names, and produces a schema-valid list', () => {
    const list = build('identity_id,name\n 1001 ,  Ann  Lee \n1002,\n', { identity_id: 0, name: 1 });
    expect(RemovalListSchema.parse(list)).toEqual(list);
    expect(list).toEqual({
      mode: 'people',
      items: [
        { line: 2, identity_id: '1001', name: 'Ann Lee' },
        { line: 3, identity_id: '1002' },
      ],
      errors: [],
      duplicates: 0,
      invalidRows: 0,
      blankLines: 0,
      totalRows: 2,
    });
  });

  it('carries one id per kind and accepts rows that have only some of them', () => {
    const text = `identity_id,link_id,uid\n1001,${UUID_A},7\n,${UUID_B},\n1003,,\n`;
    const list = build(text, { identity_id: 0, link_id: 1, uid: 2 });
    expect(list.items).toEqual([
      { line: 2, identity_id: '1001', link_id: UUID_A, uid: 7 },
      { line: 3, link_id: UUID_B },
      { line: 4, identity_id: '1003' },
    ]);
  });

  it('reports invalid link ids and uids with line and column, dropping the whole row', () => {
    const text = `link_id,uid\n${UUID_A},1\nnot-a-uuid,2\n${UUID_B},zero\n12345678-1234-1234-1234-12345678901,3\n`;
    const list = build(text, { link_id: 0, uid: 1 });
    expect(list.items.map((item) => item.line)).toEqual([2]);
    expect(list.errors.map(({ line, column, code }) => ({ line, column, code }))).toEqual([
      { line: 3, column: 0, code: 'invalid_link_id' },
      { line: 4, column: 1, code: 'invalid_uid' },
      { line: 5, column: 0, code: 'invalid_link_id' },
    ]);
    expect(list.invalidRows).toBe(3);
    expect(list.errors[0]?.message).toMatch(/"not-a-uuid" is not a link_id/);
  });

  it('reports a row without any id', () => {
    const list = build('identity_id,name\n1001,Ann\n,Bob\n', { identity_id: 0, name: 1 });
    expect(list.errors).toEqual([{ line: 3, code: 'missing_id', message: expect.stringMatching(/no id/) as unknown }]);
  });

  it('reports rows with too many or too few fields', () => {
    const list = build('identity_id,name\n1001,Ann\n1002,Lee,Bob\n1003\n', { identity_id: 0, name: 1 });
    expect(list.items).toHaveLength(1);
    expect(list.errors.map(({ line, code }) => ({ line, code }))).toEqual([
      { line: 3, code: 'field_count' },
      { line: 4, code: 'field_count' },
    ]);
    expect(list.errors[0]?.message).toMatch(/3 fields but the header has 2.*double quotes/);
    expect(list.errors[1]?.message).toMatch(/1 fields but the header has 2/);
  });

  it('reports broken quotes found by the parser', () => {
    const list = build('identity_id,name\n1001,Ann\n1002,"Bob\n1003,Eve\n', { identity_id: 0, name: 1 });
    expect(list.items).toEqual([{ line: 2, identity_id: '1001', name: 'Ann' }]);
    expect(list.errors).toMatchObject([{ line: 3, code: 'unclosed_quote' }]);
  });

  it('drops and counts duplicates, keeping the first; UUIDs compare without case', () => {
    const text = `identity_id,link_id,name\n1001,,Ann\n1001,,Ann again\n,${UUID_A},X\n,${UUID_A.toUpperCase()},Y\n1001,${UUID_A},Z\n`;
    const list = build(text, { identity_id: 0, link_id: 1, name: 2 });
    expect(list.items.map((item) => item.line)).toEqual([2, 4, 6]);
    expect(list.duplicates).toBe(2);
    expect(list.totalRows).toBe(5);
  });

  it('applies a single column as native id', () => {
    const list = build(`1001\n${UUID_A}\n42\n1001\n`, { nativeId: 0 });
    expect(list.items).toEqual([
      { line: 1, nativeId: '1001' },
      { line: 2, nativeId: UUID_A },
      { line: 3, nativeId: '42' },
    ]);
    expect(list.duplicates).toBe(1);
  });

  it('unwraps Excel\'s ="..." cells and explains scientific notation', () => {
    const list = build('identity_id\n="00123"\n1.23457E+17\n', { identity_id: 0 });
    expect(list.items).toEqual([{ line: 2, identity_id: '00123' }]);
    expect(list.errors).toMatchObject([{ line: 3, column: 0, code: 'scientific_notation' }]);
  });

  it('throws a VALIDATION error carrying the list when no row is valid', () => {
    const error = failure(() => build('link_id\nbad-1\nbad-2\n', { link_id: 0 }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/None of the 2 rows is valid/);
    const details = error.details as { reason: string; list: unknown };
    expect(details.reason).toBe('no_valid_rows');
    expect(RemovalListSchema.parse(details.list)).toMatchObject({ invalidRows: 2, totalRows: 2 });
  });

  it('throws a VALIDATION error for a table without rows', () => {
    const error = failure(() => build('identity_id\n\n', { identity_id: 0 }));
    expect(error.message).toMatch(/no rows with ids/);
  });
});

describe('buildRemovalList in faces-only mode', () => {
  const header = 'identity_id,face_id,register_image_id\n';

  it('needs identity_id plus face_id or register_image_id on every row', () => {
    const text = `${header}1001,f1,\n1001,,r1\n1002,f2,r2\n,f3,\n1004,,\n`;
    const list = build(text, { identity_id: 0, face_id: 1, register_image_id: 2 }, 'faces-only');
    expect(list.mode).toBe('faces-only');
    expect(list.items).toEqual([
      { line: 2, identity_id: '1001', face_id: 'f1' },
      { line: 3, identity_id: '1001', register_image_id: 'r1' },
      { line: 4, identity_id: '1002', face_id: 'f2', register_image_id: 'r2' },
    ]);
    expect(list.errors.map(({ line, code }) => ({ line, code }))).toEqual([
      { line: 5, code: 'missing_identity_id' },
      { line: 6, code: 'missing_face' },
    ]);
    expect(list.invalidRows).toBe(2);
  });

  it('treats the same person with a different face as a different row', () => {
    const list = build(`${header}1001,f1,\n1001,f2,\n1001,f1,\n`, { identity_id: 0, face_id: 1 }, 'faces-only');
    expect(list.items.map((item) => item.face_id)).toEqual(['f1', 'f2']);
    expect(list.duplicates).toBe(1);
  });
});

describe('buildRemovalList refuses mappings that cannot work', () => {
  const text = 'identity_id,face_id,name\n1001,f1,Ann\n';
  it.each([
    [{ identity_id: 5 }, 'people', /does not exist: the table has 3 columns/],
    [{ identity_id: 0, nativeId: 0 }, 'people', /picked both for identity_id and for nativeId/],
    [{ name: 2 }, 'people', /No id column is picked/],
    [{ identity_id: 0, face_id: 1 }, 'people', /only used when removing single faces/],
    [{ identity_id: 0, nativeId: 2 }, 'people', /cannot be mixed/],
    [{ face_id: 1 }, 'faces-only', /needs the identity_id column/],
    [{ identity_id: 0 }, 'faces-only', /needs a face_id or register_image_id column/],
    [{ identity_id: 0, face_id: 1, uid: 2 }, 'faces-only', /by identity_id only/],
  ] as const)('%o in %s mode', (mapping, mode, message) => {
    const error = failure(() => build(text, mapping, mode));
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual({ reason: 'mapping' });
    expect(error.message).toMatch(message);
  });
});
