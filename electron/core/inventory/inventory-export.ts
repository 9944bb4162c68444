import { displayNameOf, type Terminal } from '../../../shared/domain/terminal.ts';
import { csvCell } from '../files/csv-cell.ts';

/** The columns of the terminal list export, in order (the header row uses these names). */
export const EXPORT_COLUMNS = [
  'label',
  'name',
  'kind',
  'serial',
  'model',
  'firmware',
  'address',
  'port',
  'online',
  'trust',
  'credentials',
  'people',
  'capacity',
  'last_seen',
] as const;

/** One cell of an export row: text, a number, a yes/no, a moment, or empty. */
export type ExportCell = string | number | boolean | Date | null;

/** One terminal as the cells of its export row, in {@link EXPORT_COLUMNS} order (text is guarded when written). */
function cellsOf(terminal: Terminal): ExportCell[] {
  return [
    terminal.label ?? null,
    terminal.name,
    terminal.kind,
    terminal.serial,
    terminal.model,
    terminal.firmware,
    terminal.address,
    terminal.port,
    terminal.online,
    terminal.trust ?? 'untrusted',
    terminal.credentials,
    terminal.peopleCount,
    terminal.capacity,
    terminal.lastSeen === null ? null : new Date(terminal.lastSeen),
  ];
}

/**
 * The rows of the terminal list export, without the header: one per terminal, sorted by shown name then serial.
 * Every format (CSV here, Excel in inventory-export-xlsx.ts) writes these same cells in the same order.
 */
export function exportRowsOf(terminals: readonly Terminal[]): ExportCell[][] {
  return [...terminals]
    .sort((a, b) => displayNameOf(a).localeCompare(displayNameOf(b)) || a.serial.localeCompare(b.serial))
    .map(cellsOf);
}

/**
 * The terminal list as CSV: a header, one row per terminal ({@link exportRowsOf}), CRLF line ends and a UTF-8
 * BOM (Excel and WPS then read Chinese names right). Moments are ISO 8601 in UTC. Every text cell goes through
 * the formula guard (files/csv-cell.ts): names and models are chosen by devices, and a name starting with `=`
 * must not run.
 */
export function terminalsToCsv(terminals: readonly Terminal[]): string {
  const rows = exportRowsOf(terminals).map((cells) =>
    cells.map((cell) => csvCell(cell instanceof Date ? cell.toISOString() : cell)).join(','),
  );
  return `\uFEFF${[EXPORT_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
