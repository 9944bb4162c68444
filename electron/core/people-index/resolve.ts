import type { RemovalItem } from '../../../shared/domain/people-import.ts';
import type {
  IndexStaleness,
  PersonMatch,
  PresenceCounts,
  UnresolvedPerson,
} from '../../../shared/domain/people-index.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { nameKey } from './names.ts';
import type { IndexRow } from './store.ts';

/** How a removal list of people resolves on each target terminal through the index. */
export interface Resolution {
  /** Per target: the list items with that terminal's own id, one per holding (none: nothing is sent there). */
  perTerminal: Map<string, RemovalItem[]>;
  /** Per target: how many of the list are there, absent, or unknown. */
  presence: Map<string, PresenceCounts>;
  /** People not resolved on some terminals: listed before anything runs. */
  unresolved: UnresolvedPerson[];
}

/** What resolving needs. */
export interface ResolveInput {
  items: readonly RemovalItem[];
  targets: readonly Terminal[];
  match: PersonMatch;
  /** Remove every holder of an ambiguous name on a terminal (the technician confirmed it). */
  confirmAmbiguous: boolean;
  /** Why a target's index may not tell the truth (null: fresh). */
  staleness(serial: string): IndexStaleness;
  readAt(serial: string): number | null;
  /** The index rows of a terminal. */
  rowsOf(serial: string): readonly IndexRow[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UID = /^\d{1,15}$/;

/** A terminal's rows by the keys a list row can name. */
interface TerminalRows {
  byNative: Map<string, IndexRow[]>;
  byUid: Map<string, IndexRow[]>;
  byName: Map<string, IndexRow[]>;
}

function push(map: Map<string, IndexRow[]>, key: string, row: IndexRow): void {
  const list = map.get(key);
  if (list) list.push(row);
  else map.set(key, [row]);
}

function indexRows(rows: readonly IndexRow[]): TerminalRows {
  const out: TerminalRows = { byNative: new Map(), byUid: new Map(), byName: new Map() };
  for (const row of rows) {
    push(out.byNative, row.nativeId, row);
    if (row.uid !== null) push(out.byUid, row.uid, row);
    push(out.byName, nameKey(row.name), row);
  }
  return out;
}

/** A label of a list row for messages: its name, else its first id. */
export function labelOf(item: RemovalItem): string {
  return (
    item.name ??
    item.identity_id ??
    item.link_id ??
    (item.uid === undefined ? undefined : String(item.uid)) ??
    item.nativeId ??
    `line ${item.line}`
  );
}

/** The id a row names for a kind in `id` matching, or null. */
function idFor(item: RemovalItem, kind: Terminal['kind']): { by: 'native' | 'uid'; id: string } | null {
  if (kind === 'sophon') {
    const id = item.identity_id ?? item.nativeId;
    return id === undefined ? null : { by: 'native', id };
  }
  const link = item.link_id ?? (item.nativeId !== undefined && UUID.test(item.nativeId) ? item.nativeId : undefined);
  if (link !== undefined) return { by: 'native', id: link.toLowerCase() };
  const uid =
    item.uid !== undefined
      ? String(item.uid)
      : item.nativeId !== undefined && UID.test(item.nativeId)
        ? String(Number(item.nativeId))
        : undefined;
  return uid === undefined ? null : { by: 'uid', id: uid };
}

/**
 * The rows of one person by name on one terminal: `ambiguous` when the name stands for more than one person
 * there (Sophon: two identities; BAS-IP: two different link_ids, or several identifiers none of which has one).
 */
function byName(rows: TerminalRows, name: string, kind: Terminal['kind']): { rows: IndexRow[]; ambiguous: number } {
  const found = rows.byName.get(nameKey(name)) ?? [];
  if (found.length <= 1) return { rows: found, ambiguous: 0 };
  if (kind === 'sophon') return { rows: found, ambiguous: found.length };
  const links = new Set(found.filter((r) => r.linkId !== null).map((r) => r.linkId));
  if (links.size === 1) return { rows: found, ambiguous: 0 };
  return { rows: found, ambiguous: Math.max(links.size, found.length) };
}

/**
 * A BAS-IP identifier found by link_id or uid, with the same panel's identifiers WITHOUT a link_id that carry
 * the same owner name (a person's face identifier beside their linked card), when that name belongs to this one
 * link_id on the panel (no other linked identifier has it).
 */
function withCompanions(rows: TerminalRows, found: IndexRow[]): IndexRow[] {
  const first = found[0];
  if (!first || first.name.trim() === '') return found;
  const same = rows.byName.get(nameKey(first.name)) ?? [];
  const otherLinks = same.some((r) => r.linkId !== null && r.linkId !== first.linkId);
  if (otherLinks) return found;
  const extra = same.filter((r) => r.linkId === null && !found.includes(r));
  return [...found, ...extra];
}

/** The list item that removes one index row from its terminal. */
function itemOf(row: IndexRow, item: RemovalItem): RemovalItem {
  const base = { line: item.line, ...(item.name !== undefined ? { name: item.name } : { name: row.name }) };
  if (row.idKind === 'identity_id') return { ...base, identity_id: row.nativeId };
  if (row.idKind === 'link_id') return { ...base, link_id: row.nativeId };
  return { ...base, uid: Number(row.uid) };
}

/**
 * Resolves a removal list of PEOPLE to each target's own ids through the index (issue 17):
 * - `id`: Sophon identity_id; BAS-IP link_id (the same on every panel), else uid; a row with no id for a vendor
 *   but a name is matched by its exact name there;
 * - `name`: the exact name only (NFKC, case and spaces normalised);
 * - a name standing for several people on one terminal is ambiguous: listed as unresolved there unless
 *   `confirmAmbiguous` (then every holder of that name there is removed);
 * - a target whose index is missing, stale, too old or offline is `unknown`: ids given for its kind are sent as
 *   they are (the engine's evidence rules decide), names cannot be resolved there (unresolved, nothing sent);
 * - a fresh index that holds nobody of the list gives the terminal no items at all.
 */
export function resolvePeople(input: ResolveInput): Resolution {
  const perTerminal = new Map<string, RemovalItem[]>();
  const presence = new Map<string, PresenceCounts>();
  const unresolved = new Map<string, UnresolvedPerson>();
  const addUnresolved = (item: RemovalItem, reason: UnresolvedPerson['reason'], serial: string, n = 0): void => {
    const key = `${item.line}|${reason}`;
    const entry = unresolved.get(key) ?? { line: item.line, label: labelOf(item), reason, serials: [], candidates: 0 };
    entry.serials.push(serial);
    entry.candidates = Math.max(entry.candidates, n);
    unresolved.set(key, entry);
  };
  for (const terminal of input.targets) {
    const kind = terminal.kind;
    const staleness = input.staleness(terminal.serial);
    const counts: PresenceCounts = {
      present: 0,
      absent: 0,
      unknown: 0,
      staleness,
      readAt: input.readAt(terminal.serial),
    };
    const out: RemovalItem[] = [];
    if (staleness !== null || kind === 'unknown') {
      for (const item of input.items) {
        counts.unknown++;
        const id = input.match === 'id' ? idFor(item, kind) : null;
        if (id) out.push(item);
        else
          addUnresolved(item, input.match === 'id' && !item.name ? 'no-usable-id' : 'index-unknown', terminal.serial);
      }
    } else {
      const rows = indexRows(input.rowsOf(terminal.serial));
      for (const item of input.items) {
        const id = input.match === 'id' ? idFor(item, kind) : null;
        let found: IndexRow[];
        if (id) {
          found = (id.by === 'native' ? rows.byNative.get(id.id) : rows.byUid.get(id.id)) ?? [];
          if (kind === 'basip' && found.length > 0) found = withCompanions(rows, found);
        } else if (item.name !== undefined && item.name.trim() !== '') {
          const named = byName(rows, item.name, kind);
          if (named.ambiguous > 0 && !input.confirmAmbiguous) {
            counts.present++;
            addUnresolved(item, 'ambiguous-name', terminal.serial, named.ambiguous);
            continue;
          }
          found = named.rows;
        } else {
          counts.unknown++;
          addUnresolved(item, 'no-usable-id', terminal.serial);
          continue;
        }
        if (found.length === 0) counts.absent++;
        else counts.present++;
        for (const row of found) out.push(itemOf(row, item));
      }
    }
    perTerminal.set(terminal.serial, out);
    presence.set(terminal.serial, counts);
  }
  return { perTerminal, presence, unresolved: [...unresolved.values()].sort((a, b) => a.line - b.line) };
}
