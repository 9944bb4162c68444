import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PeopleImportSchema } from '../../../shared/domain/people-import.ts';
import { AppError } from '../../../shared/errors.ts';
import { importPeopleFile } from './import-file.ts';

/** What Chinese Excel writes for "CSV (逗号分隔)": GBK, CRLF, no BOM, empty rows as ",,". */
const EXCEL_GBK_CSV = [
  '人员ID,姓名,部门', // 1: header
  '10001,张三,研发部', // 2
  '10002,李四,市场部', // 3
  '', // 4: blank
  ',,', // 5: blank row as Excel writes it
  '10003,王五,"研发部,测试组"', // 6: quoted delimiter
  '10001,张三,研发部', // 7: duplicate of line 2
  '10004,赵六,财务部,多余', // 8: malformed, four fields
  '10005,"钱 七",行政部', // 9
  '10 006,孙八,行政部', // 10: invalid identity_id
  '10002,李四,市场部', // 11: duplicate of line 3
  '', // 12: blank
  '10007,周九,"多行', // 13: quoted line break ...
  '备注"', // 14: ... ends here
  '10008,吴十,人事部', // 15
  '',
].join('\r\n');

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'people-import-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a fixture to a temp file and reads it back, as the CLI does with `--file PATH`. */
async function roundTrip(name: string, bytes: Uint8Array): Promise<Uint8Array> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return readFile(path);
}

describe('importPeopleFile', () => {
  it('imports a GBK CSV from Excel with the right counts and line-numbered errors', async () => {
    const bytes = await roundTrip('excel-gbk.csv', iconv.encode(EXCEL_GBK_CSV, 'gbk'));
    const result = importPeopleFile(bytes);
    expect(PeopleImportSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ encoding: 'gb18030', delimiter: ',', hasHeader: true });
    expect(result.mapping).toEqual({ identity_id: 0, name: 1 });
    expect(result.list.items).toEqual([
      { line: 2, identity_id: '10001', name: '张三' },
      { line: 3, identity_id: '10002', name: '李四' },
      { line: 6, identity_id: '10003', name: '王五' },
      { line: 9, identity_id: '10005', name: '钱 七' },
      { line: 13, identity_id: '10007', name: '周九' },
      { line: 15, identity_id: '10008', name: '吴十' },
    ]);
    expect(result.list.errors.map(({ line, code }) => ({ line, code }))).toEqual([
      { line: 8, code: 'field_count' },
      { line: 10, code: 'invalid_identity_id' },
    ]);
    expect(result.list).toMatchObject({ duplicates: 2, invalidRows: 2, blankLines: 3, totalRows: 10 });
  });

  it('imports UTF-8 with BOM', async () => {
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf);
    const body = new TextEncoder().encode('姓名,link_id\r\n张三,3f2504e0-4f89-11d3-9a0c-0305e82c3301\r\n');
    const result = importPeopleFile(await roundTrip('bom.csv', Uint8Array.from([...bom, ...body])));
    expect(result.encoding).toBe('utf-8-bom');
    expect(result.columns[0]).toEqual({ index: 0, label: '姓名', suggestedKind: 'name' });
    expect(result.list.items).toEqual([{ line: 2, link_id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', name: '张三' }]);
  });

  it('imports Excel "Unicode text": UTF-16LE with BOM, tab-separated', async () => {
    const text = 'UID\t姓名\r\n12\t张三\r\n13\t李四\r\n12\t张三\r\n';
    const result = importPeopleFile(await roundTrip('unicode.txt', iconv.encode(text, 'utf-16le', { addBOM: true })));
    expect(result).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', mapping: { uid: 0, name: 1 } });
    expect(result.list.items).toEqual([
      { line: 2, uid: 12, name: '张三' },
      { line: 3, uid: 13, name: '李四' },
    ]);
    expect(result.list.duplicates).toBe(1);
  });

  it('imports a semicolon CSV from European Excel', () => {
    const result = importPeopleFile(new TextEncoder().encode('identity_id;name\n1001;Müller, Hans\n'));
    expect(result.delimiter).toBe(';');
    expect(result.list.items).toEqual([{ line: 2, identity_id: '1001', name: 'Müller, Hans' }]);
  });

  it('applies a single column without header as native id', () => {
    const result = importPeopleFile(new TextEncoder().encode('1001\n1002\n\n1001\n'));
    expect(result).toMatchObject({ hasHeader: false, mapping: { nativeId: 0 } });
    expect(result.list).toMatchObject({ duplicates: 1, blankLines: 1, totalRows: 3 });
    expect(result.list.items).toEqual([
      { line: 1, nativeId: '1001' },
      { line: 2, nativeId: '1002' },
    ]);
  });

  it('selects the id column by header name (--column)', () => {
    const bytes = iconv.encode('工号,姓名\r\nE01,张三\r\n', 'gbk');
    expect(() => importPeopleFile(bytes)).toThrow(/No id column is picked/);
    const result = importPeopleFile(bytes, { column: '工号' });
    expect(result.mapping).toEqual({ nativeId: 0, name: 1 });
    expect(result.list.items).toEqual([{ line: 2, nativeId: 'E01', name: '张三' }]);
  });

  it('imports faces only', () => {
    const text = 'identity_id,face_id\n1001,f1\n1002,\n';
    const result = importPeopleFile(new TextEncoder().encode(text), { mode: 'faces-only' });
    expect(result.list.mode).toBe('faces-only');
    expect(result.list.items).toEqual([{ line: 2, identity_id: '1001', face_id: 'f1' }]);
    expect(result.list.errors).toMatchObject([{ line: 3, code: 'missing_face' }]);
  });

  it('uses an explicit mapping and delimiter', () => {
    const result = importPeopleFile(new TextEncoder().encode('name;x,ID\nAnn;1,P7\n'), {
      mapping: { identity_id: 1, name: 0 },
      delimiter: ',',
    });
    expect(result.delimiter).toBe(',');
    expect(result.list.items).toEqual([{ line: 2, identity_id: 'P7', name: 'Ann;1' }]);
  });

  it.each([
    ['list.xlsx', Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00), /Excel workbook/],
    ['list.pdf', new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n'), /PDF document/],
    ['photo.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d), /PNG image/],
  ])('refuses %s with a clear error, so nothing is sent', async (name, bytes, seems) => {
    const send = vi.fn();
    const file = await roundTrip(name, bytes);
    let error: unknown;
    try {
      send(importPeopleFile(file));
    } catch (caught) {
      error = caught;
    }
    expect(send).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    expect((error as AppError).message).toMatch(seems);
    expect((error as AppError).message).toMatch(/Save or export the list as CSV/);
  });
});
