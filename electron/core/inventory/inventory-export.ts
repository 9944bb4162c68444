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

/** One terminal as the cells of its export row (text is formula-guarded when written). */
function cellsOf(terminal: Terminal): (string | number | boolean | null)[] {
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
    terminal.lastSeen === null ? null : new Date(terminal.lastSeen).toISOString(),
  ];
}

/**
 * The terminal list as CSV: a header, one row per terminal sorted by shown name then serial, CRLF line ends and a
 * UTF-8 BOM (Excel and WPS then read Chinese names right). Every text cell goes through the formula guard
 * (files/csv-cell.ts): names and models are chosen by devices, and a name starting with `=` must not run.
 */
export function terminalsToCsv(terminals: readonly Terminal[]): string {
  const sorted = [...terminals].sort(
    (a, b) => displayNameOf(a).localeCompare(displayNameOf(b)) || a.serial.localeCompare(b.serial),
  );
  const lines = [EXPORT_COLUMNS.join(','), ...sorted.map((t) => cellsOf(t).map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
