import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ParsedInputSchema, MAX_ANSWERED_ERRORS } from '../../../shared/domain/removal-input.ts';
import { AppError } from '../../../shared/errors.ts';
import { parseRemovalInput } from './parse-input.ts';

const base64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64');

describe('parseRemovalInput', () => {
  it('reads pasted ids with line-numbered errors and counted duplicates', () => {
    const answer = parseRemovalInput({
      source: { kind: 'paste', text: '100001\n100002\n\n1.23457E+17\n100001\n' },
      mode: 'people',
    });
    expect(ParsedInputSchema.parse(answer)).toEqual(answer);
    expect(answer).toMatchObject({ source: 'paste', table: false, mapping: { nativeId: 0 }, moreErrors: 0 });
    expect(answer.list).toMatchObject({ totalRows: 4, duplicates: 1, invalidRows: 1, blankLines: 1 });
    expect(answer.list.items.map((item) => item.nativeId)).toEqual(['100001', '100002']);
    expect(answer.list.errors).toEqual([expect.objectContaining({ line: 4, code: 'scientific_notation' })]);
  });

  it('answers a paste without any valid id instead of refusing it', () => {
    const answer = parseRemovalInput({ source: { kind: 'paste', text: '' }, mode: 'people' });
    expect(answer.list).toMatchObject({ items: [], totalRows: 0 });
  });

  it('reads a pasted spreadsheet range with a header as a table', () => {
    const answer = parseRemovalInput({
      source: { kind: 'paste', text: 'identity_id\tname\n100001\t张伟\n100002\tAnna\n' },
      mode: 'people',
    });
    expect(answer).toMatchObject({
      table: true,
      hasHeader: true,
      delimiter: '\t',
      mapping: { identity_id: 0, name: 1 },
    });
    expect(answer.list.items).toEqual([
      { line: 2, identity_id: '100001', name: '张伟' },
      { line: 3, identity_id: '100002', name: 'Anna' },
    ]);
  });

  it('decodes a GB18030 file with a header, suggests the columns, and follows a picked mapping', () => {
    const bytes = iconv.encode('人员编号,姓名,卡号\r\n100001,张伟,123\r\n100002,李娜,456\r\n', 'gb18030');
    const source = { kind: 'file' as const, fileName: 'people.csv', base64: base64(bytes) };
    const suggested = parseRemovalInput({ source, mode: 'people' });
    expect(suggested).toMatchObject({ source: 'file', encoding: 'gb18030', hasHeader: true, headerLine: 1 });
    expect(suggested.columns.map((c) => [c.label, c.suggestedKind])).toEqual([
      ['人员编号', 'identity_id'],
      ['姓名', 'name'],
      ['卡号', null],
    ]);
    expect(suggested.preview).toHaveLength(2);
    expect(suggested.list.items[0]).toEqual({ line: 2, identity_id: '100001', name: '张伟' });

    const picked = parseRemovalInput({ source, mode: 'people', mapping: { nativeId: 2 } });
    expect(picked.list.items.map((item) => item.nativeId)).toEqual(['123', '456']);
  });

  it('reads a UTF-8 file with a byte-order mark', () => {
    const answer = parseRemovalInput({
      source: { kind: 'file', fileName: 'ids.csv', base64: base64('\uFEFFidentity_id\n100001\n') },
      mode: 'people',
    });
    expect(answer).toMatchObject({ encoding: 'utf-8-bom', list: { items: [{ line: 2, identity_id: '100001' }] } });
  });

  it('answers a mapping that does not fit with its reason, and faces-only rows with their errors', () => {
    const text = 'identity_id,face_id\n100001,f1\n100002,\n';
    const people = parseRemovalInput({ source: { kind: 'paste', text }, mode: 'people', mapping: { face_id: 1 } });
    expect(people.mappingProblem).toMatch(/only used when removing single faces/);
    expect(people.list).toMatchObject({ items: [], totalRows: 2 });

    const faces = parseRemovalInput({ source: { kind: 'paste', text }, mode: 'faces-only' });
    expect(faces.mapping).toEqual({ identity_id: 0, face_id: 1 });
    expect(faces.list.items).toEqual([{ line: 2, identity_id: '100001', face_id: 'f1' }]);
    expect(faces.list.errors).toEqual([expect.objectContaining({ line: 3, code: 'missing_face' })]);
  });

  it('caps the errors it answers and counts the rest', () => {
    const text = Array.from({ length: MAX_ANSWERED_ERRORS + 20 }, () => 'x'.repeat(80)).join('\n');
    const answer = parseRemovalInput({ source: { kind: 'paste', text }, mode: 'people' });
    expect(answer.list.errors).toHaveLength(MAX_ANSWERED_ERRORS);
    expect(answer.moreErrors).toBe(20);
    expect(answer.list.invalidRows).toBe(MAX_ANSWERED_ERRORS + 20);
  });

  it('refuses a file that is not text', () => {
    const pdf = base64(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0, 1, 2]));
    expect(() =>
      parseRemovalInput({ source: { kind: 'file', fileName: 'x.pdf', base64: pdf }, mode: 'people' }),
    ).toThrow(AppError);
  });
});
