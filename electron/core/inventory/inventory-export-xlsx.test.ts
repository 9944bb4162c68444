import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { terminalsToXlsx, XLSX_SHEET_NAME } from './inventory-export-xlsx.ts';
import { EXPORT_COLUMNS, terminalsToCsv } from './inventory-export.ts';

const panel = (serial: string, extra: Partial<Terminal> = {}): Terminal => ({
  serial,
  kind: 'basip',
  apiVersion: 'v1',
  name: 'AA-12FB entrance panel',
  model: 'AA-12FB',
  firmware: '3.9.1',
  address: '10.0.0.21',
  port: 80,
  online: true,
  lastSeen: Date.UTC(2026, 4, 1, 8, 0, 0),
  credentials: 'ok',
  peopleCount: 3,
  capacity: 10000,
  source: 'manual',
  adapter: null,
  trust: 'trusted',
  ...extra,
});

/** The workbook's bytes read back with exceljs, as the one sheet. */
async function readBack(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as its own global `Buffer` (extends ArrayBuffer), which Node's Buffer no longer matches.
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  expect(workbook.worksheets.map((s) => s.name)).toEqual([XLSX_SHEET_NAME]);
  const sheet = workbook.getWorksheet(XLSX_SHEET_NAME);
  if (!sheet) throw new Error('no Terminals sheet');
  return sheet;
}

/** The values of a row, from its first column. */
function valuesOf(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

describe('terminal list as an Excel workbook', () => {
  const terminals = [
    panel('B-2', { name: '=cmd|"/c calc"!A1', peopleCount: 42 }),
    panel('B-1', { label: '三号门 入口', online: false }),
    panel('S-1', { kind: 'sophon', name: 'Lobby', model: null, lastSeen: null, peopleCount: null, trust: undefined }),
  ];

  it('has one sheet "Terminals" with the CSV header, bold and frozen', async () => {
    const sheet = await readBack(await terminalsToXlsx(terminals));
    expect(valuesOf(sheet, 1)).toEqual([...EXPORT_COLUMNS]);
    const csvHeader = terminalsToCsv([]).slice(1).trimEnd();
    expect(valuesOf(sheet, 1).join(',')).toBe(csvHeader);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).not.toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(1 + terminals.length);
  });

  it('writes the rows in the CSV order with typed cells: text, numbers, yes/no, dates', async () => {
    const sheet = await readBack(await terminalsToXlsx(terminals));
    const csvRows = terminalsToCsv(terminals).slice(1).trimEnd().split('\r\n').slice(1);
    const serialColumn = EXPORT_COLUMNS.indexOf('serial');
    const serials = [2, 3, 4].map((row) => valuesOf(sheet, row)[serialColumn]);
    expect(serials).toEqual(
      csvRows.map((line) => (line.includes(',B-1,') ? 'B-1' : line.includes(',B-2,') ? 'B-2' : 'S-1')),
    );

    const byLabel = valuesOf(sheet, serials.indexOf('B-1') + 2);
    expect(byLabel[0]).toBe('三号门 入口');
    expect(byLabel[EXPORT_COLUMNS.indexOf('online')]).toBe(false);
    expect(byLabel[EXPORT_COLUMNS.indexOf('port')]).toBe(80);
    expect(byLabel[EXPORT_COLUMNS.indexOf('capacity')]).toBe(10000);
    const seen = byLabel[EXPORT_COLUMNS.indexOf('last_seen')];
    expect(seen).toBeInstanceOf(Date);
    expect((seen as Date).toISOString()).toBe('2026-05-01T08:00:00.000Z');

    const sophon = valuesOf(sheet, serials.indexOf('S-1') + 2);
    expect(sophon[EXPORT_COLUMNS.indexOf('model')]).toBeUndefined(); // unknown stays empty
    expect(sophon[EXPORT_COLUMNS.indexOf('trust')]).toBe('untrusted');
  });

  it('keeps a name starting with "=" as text, never a formula', async () => {
    const sheet = await readBack(await terminalsToXlsx(terminals));
    const row = sheet.getRow(
      [2, 3, 4].find((r) => valuesOf(sheet, r)[EXPORT_COLUMNS.indexOf('serial')] === 'B-2') ?? 0,
    );
    const name = row.getCell(EXPORT_COLUMNS.indexOf('name') + 1);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe('=cmd|"/c calc"!A1');
    expect(name.formula).toBeUndefined();
    const people = row.getCell(EXPORT_COLUMNS.indexOf('people') + 1);
    expect(people.type).toBe(ExcelJS.ValueType.Number);
    expect(people.value).toBe(42);
  });

  it('sizes each column to its text, Chinese counted wide, within bounds', async () => {
    const long = 'x'.repeat(200);
    const sheet = await readBack(await terminalsToXlsx([...terminals, panel('L-1', { name: long })]));
    const width = (header: string) => sheet.getColumn(EXPORT_COLUMNS.indexOf(header as never) + 1).width ?? 0;
    expect(width('label')).toBeGreaterThanOrEqual('三号门 入口'.length * 2);
    expect(width('name')).toBe(50);
    expect(width('port')).toBeLessThan(width('address'));
  });

  it('makes a valid workbook of an empty list (the header only)', async () => {
    const sheet = await readBack(await terminalsToXlsx([]));
    expect(sheet.rowCount).toBe(1);
  });
});
