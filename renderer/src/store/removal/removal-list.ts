import type { ColumnKind, ColumnMapping, RemovalMode } from '../../../../shared/domain/people-import.ts';

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

/** Whether starting a removal of `people` from `terminals` needs the count typed first. */
export function needsTypedConfirmation(people: number, terminals: number): boolean {
  return people > CONFIRM_ABOVE_PEOPLE || terminals > CONFIRM_ABOVE_TERMINALS;
}

/** Whether what the technician typed confirms removing `people` (the count, spaces and digit grouping ignored). */
export function confirmsCount(typed: string, people: number): boolean {
  return typed.replace(/[\s,.'’_]/g, '') === String(people);
}
