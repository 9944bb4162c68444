import { canRemove, capabilitiesOf, isApiV0 } from '../../../../shared/domain/capabilities.ts';
import { displayNameOf, type Terminal } from '../../../../shared/domain/terminal.ts';

/**
 * The columns of the terminal table, in display order; each one can sort the table. What a technician acts on
 * (where it is, whether it is trusted, whether its credentials work) comes before what describes it (model,
 * firmware, people, last seen), so it is in view without scrolling sideways in a 1440 px window.
 */
export const TERMINAL_COLUMNS = [
  'status',
  'name',
  'kind',
  'serial',
  'address',
  'trust',
  'credentials',
  'capability',
  'model',
  'firmware',
  'people',
  'lastSeen',
] as const;

/** A column of the terminal table. */
export type TerminalColumn = (typeof TERMINAL_COLUMNS)[number];

/** Which column the table is sorted by, and which way. */
export interface TerminalSort {
  column: TerminalColumn;
  direction: 'ascending' | 'descending';
}

/** What the technician chose for the table: a filter text and a sort order. */
export interface TerminalQuery {
  filter: string;
  sort: TerminalSort;
}

/** The order a fresh table shows: by name, A to Z. */
export const DEFAULT_TERMINAL_QUERY: TerminalQuery = { filter: '', sort: { column: 'name', direction: 'ascending' } };

/** `address:port` as the table shows it. */
export function endpointOf(terminal: Pick<Terminal, 'address' | 'port'>): string {
  return `${terminal.address}:${terminal.port}`;
}

/**
 * Whether a terminal matches the filter text: every whitespace-separated word must appear (ignoring case)
 * in its name, serial, `address:port` or model. An empty filter matches everything.
 */
export function matchesFilter(terminal: Terminal, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [terminal.label ?? '', terminal.name, terminal.serial, endpointOf(terminal), terminal.model ?? '']
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Orders IPv4 addresses by their numbers, host names after them by text. */
function compareAddress(a: string, b: string): number {
  const parse = (text: string) => (/^\d+\.\d+\.\d+\.\d+$/.test(text) ? text.split('.').map(Number) : null);
  const x = parse(a);
  const y = parse(b);
  if (x && y) {
    for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  }
  if (x) return -1;
  if (y) return 1;
  return collator.compare(a, b);
}

const CREDENTIAL_ORDER = ['ok', 'not-required', 'unknown', 'missing', 'rejected'];

/** Conflicts first: they need the technician; then terminals waiting to be trusted, then trusted ones. */
const TRUST_ORDER = ['conflict', 'untrusted', 'trusted'];

/**
 * The short capability of a terminal for the table's badge: `remove` (it can remove people), `too-old` (a
 * BAS-IP panel on API v0) or `none` (a device of unknown kind), with its API level.
 */
export function capabilityBadge(terminal: Pick<Terminal, 'kind' | 'apiVersion'>): {
  state: 'remove' | 'too-old' | 'none';
  api: string | null;
} {
  const capabilities = capabilitiesOf(terminal);
  if (isApiV0(terminal)) return { state: 'too-old', api: capabilities.api };
  return { state: canRemove(capabilities) ? 'remove' : 'none', api: capabilities.api };
}

const CAPABILITY_ORDER = ['remove', 'too-old', 'none'];

/** The value a column sorts by; null sorts last in both directions. */
function sortValue(terminal: Terminal, column: TerminalColumn): string | number | null {
  switch (column) {
    case 'status':
      return terminal.online ? 0 : 1;
    case 'name':
      return displayNameOf(terminal) === '' ? null : displayNameOf(terminal);
    case 'kind':
      return terminal.kind;
    case 'serial':
      return terminal.serial;
    case 'model':
      return terminal.model;
    case 'firmware':
      return terminal.firmware;
    case 'address':
      return null; // compared by compareAddress below
    case 'trust':
      return TRUST_ORDER.indexOf(terminal.trust ?? 'untrusted');
    case 'capability':
      return CAPABILITY_ORDER.indexOf(capabilityBadge(terminal).state);
    case 'credentials':
      return CREDENTIAL_ORDER.indexOf(terminal.credentials);
    case 'people':
      return terminal.peopleCount;
    case 'lastSeen':
      return terminal.lastSeen;
  }
}

/** Compares two terminals by one column in ascending order; ties fall back to the serial. */
function compareBy(a: Terminal, b: Terminal, column: TerminalColumn): number {
  if (column === 'address') return compareAddress(a.address, b.address) || a.port - b.port;
  const x = sortValue(a, column);
  const y = sortValue(b, column);
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return collator.compare(String(x), String(y));
}

/**
 * Sorts terminals by a column (a new array). Empty values stay at the end whichever the direction; equal
 * values keep a stable order by serial.
 */
export function sortTerminals(terminals: readonly Terminal[], sort: TerminalSort): Terminal[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...terminals].sort((a, b) => {
    const x = sortValue(a, sort.column);
    const y = sortValue(b, sort.column);
    const emptyA = sort.column !== 'address' && x === null;
    const emptyB = sort.column !== 'address' && y === null;
    if (emptyA !== emptyB) return emptyA ? 1 : -1;
    return sign * compareBy(a, b, sort.column) || collator.compare(a.serial, b.serial);
  });
}

/** The serials of the terminals the table shows, filtered then sorted. */
export function visibleSerials(terminals: Readonly<Record<string, Terminal>>, query: TerminalQuery): string[] {
  const matching = Object.values(terminals).filter((terminal) => matchesFilter(terminal, query.filter));
  return sortTerminals(matching, query.sort).map((terminal) => terminal.serial);
}

/** The sort after clicking a column header: the same column flips direction, another starts ascending. */
export function nextSort(current: TerminalSort, column: TerminalColumn): TerminalSort {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
