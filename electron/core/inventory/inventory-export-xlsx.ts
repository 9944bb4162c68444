import type { Terminal } from '../../../shared/domain/terminal.ts';
import { EXPORT_COLUMNS, exportRowsOf, type ExportCell } from './inventory-export.ts';

/** The name of the workbook's one sheet. */
export const XLSX_SHEET_NAME = 'Terminals';

/** How a moment is shown (Excel's date and time of day; the value is a real date, in UTC like the CSV). */
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** Narrowest and widest column, in characters (a long name wraps nothing: it is cut at the widest). */
const MIN_WIDTH = 6;
const MAX_WIDTH = 50;

/** Characters shown twice as wide as a Latin letter: CJK, Hangul, full-width forms. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** The width a cell's text takes, in Latin characters. */
function widthOf(cell: ExportCell): number {
  if (cell === null) return 0;
  if (cell instanceof Date) return DATE_FORMAT.length;
  let width = 0;
  for (const char of String(cell)) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** Each column's width: its widest cell (the header included) plus a margin, within the bounds. */
function columnWidths(rows: readonly ExportCell[][]): number[] {
  return EXPORT_COLUMNS.map((header, index) => {
    const widest = rows.reduce((max, row) => Math.max(max, widthOf(row[index] ?? null)), widthOf(header));
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
  });
}

/**
 * The terminal list as an Excel workbook (.xlsx) made with exceljs: one sheet, {@link XLSX_SHEET_NAME}, with the
 * CSV's columns in the CSV's order and its rows ({@link exportRowsOf}); a bold header row, frozen, with a filter;
 * columns as wide as their text. Text cells are text, never formulas: a name a device chose that starts with `=`
 * is stored as that string (no guard needed, nor added: the cell shows exactly the name). Numbers are numbers,
 * `online` a yes/no, `last_seen` a date (UTC). `now` dates the workbook's properties. exceljs is loaded only when
 * a workbook is asked for, so starting the CLI or the host does not pay for it.
 */
export async function terminalsToXlsx(terminals: readonly Terminal[], now: Date = new Date()): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const rows = exportRowsOf(terminals);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Face Commissioner';
  workbook.created = now;
  workbook.modified = now;
  const sheet = workbook.addWorksheet(XLSX_SHEET_NAME, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const widths = columnWidths(rows);
  sheet.columns = EXPORT_COLUMNS.map((header, index) => ({ header, key: header, width: widths[index] ?? MIN_WIDTH }));
  sheet.getRow(1).font = { bold: true };
  for (const cells of rows) sheet.addRow(cells);
  sheet.getColumn(EXPORT_COLUMNS.indexOf('last_seen') + 1).numFmt = DATE_FORMAT;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
