import type { ColumnKind, ColumnMapping, RemovalItem, RemovalMode } from '../../../../shared/domain/people-import.ts';
import type { TerminalKind } from '../../../../shared/domain/terminal.ts';

/** Above this many people a removal asks the technician to type the count before it runs. */
export const CONFIRM_ABOVE_PEOPLE = 100;

/** Above this many terminals a removal asks the technician to type the count before it runs. */
export const CONFIRM_ABOVE_TERMINALS = 10;

/** The column kinds the picker offers in each mode (what the importer reads in that mode). */
export const PICKER_KINDS: Readonly<Record<RemovalMode, readonly ColumnKind[]>> = {
  people: ['nativeId', 'identity_id', 'link_id', 'uid', 'name'],
  'faces-only': ['identity_id', 'face_id', 'register_image_id', 'name'],
};

/** The kind a mapping gives a column, or null when the column is not used. */
export function kindOfColumn(mapping: ColumnMapping, index: number): ColumnKind | null {
  const found = (Object.keys(mapping) as ColumnKind[]).find((kind) => mapping[kind] === index);
  return found ?? null;
}

/**
 * The mapping after the technician gave column `index` the kind `kind` (null: not used): the column loses
 * its former kind, and the kind leaves any other column (one column per kind).
 */
export function withColumnKind(mapping: ColumnMapping, index: number, kind: ColumnKind | null): ColumnMapping {
  const next: ColumnMapping = {};
  for (const key of Object.keys(mapping) as ColumnKind[]) {
    const column = mapping[key];
    if (column !== undefined && column !== index && key !== kind) next[key] = column;
  }
  if (kind !== null) next[kind] = index;
  return next;
}

/** A person picked from a terminal's people list into the removal list. */
export interface PickedPerson {
  /** The terminal they were picked from. */
  serial: string;
  /** The id the terminal lists them by. */
  id: string;
  name: string;
  /** What is sent: the id as the kind the terminal uses. */
  item: RemovalItem;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The removal item of a person listed by a terminal of `kind`: a Sophon id is an identity_id; a BAS-IP
 * id is a link_id (a UUID), or else the panel's own identifier number (uid). `line` numbers the pick.
 */
export function pickedItem(kind: TerminalKind, person: { id: string; name: string }, line: number): RemovalItem {
  const named = person.name.trim() === '' ? {} : { name: person.name.trim() };
  if (kind === 'basip' && !UUID.test(person.id) && /^\d+$/.test(person.id) && Number(person.id) > 0) {
    return { line, uid: Number(person.id), ...named };
  }
  if (kind === 'basip') return { line, link_id: person.id, ...named };
  return { line, identity_id: person.id, ...named };
}

/** Whether a picked item is a BAS-IP uid: a number that means another person on every other panel. */
export function isPanelLocal(item: RemovalItem): boolean {
  return item.uid !== undefined && item.link_id === undefined;
}

/** Two items are the same when they carry the same ids (UUIDs compared without case; names ignored). */
export function itemKey(item: RemovalItem): string {
  return JSON.stringify([
    item.identity_id ?? null,
    item.link_id?.toLowerCase() ?? null,
    item.uid ?? null,
    item.face_id ?? null,
    item.register_image_id ?? null,
    item.nativeId ?? null,
  ]);
}

/**
 * The list a removal sends: the pasted or imported items, then the picked people not already in it.
 * Picks count only in `people` mode (a terminal's list names persons, not faces).
 */
export function removalItems(
  imported: readonly RemovalItem[],
  picked: readonly PickedPerson[],
  mode: RemovalMode,
): RemovalItem[] {
  const items = [...imported];
  if (mode !== 'people') return items;
  const seen = new Set(items.map(itemKey));
  for (const { item } of picked) {
    const key = itemKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}

/** Whether starting a removal of `people` from `terminals` needs the count typed first. */
export function needsTypedConfirmation(people: number, terminals: number): boolean {
  return people > CONFIRM_ABOVE_PEOPLE || terminals > CONFIRM_ABOVE_TERMINALS;
}

/** Whether what the technician typed confirms removing `people` (the count, spaces and digit grouping ignored). */
export function confirmsCount(typed: string, people: number): boolean {
  return typed.replace(/[\s,.'’_]/g, '') === String(people);
}
