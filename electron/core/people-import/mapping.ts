import type {
  ColumnKind,
  ColumnMapping,
  PeopleTable,
  RemovalMode,
  TableColumn,
} from '../../../shared/domain/people-import.ts';
import { AppError } from '../../../shared/errors.ts';
import { normaliseLabel } from './headers.ts';

/** Kinds that name a whole person (as opposed to one face of a person, or a display name). */
const PERSON_ID_KINDS = ['identity_id', 'link_id', 'uid', 'nativeId'] as const;

/** The kinds each mode reads; a column mapped to any other kind is a mistake worth reporting. */
const MODE_KINDS: Readonly<Record<RemovalMode, readonly ColumnKind[]>> = {
  people: ['identity_id', 'link_id', 'uid', 'nativeId', 'name'],
  'faces-only': ['identity_id', 'face_id', 'register_image_id', 'name'],
};

const mappingError = (message: string): AppError => new AppError('VALIDATION', message, { reason: 'mapping' });

const mappedKinds = (mapping: ColumnMapping): ColumnKind[] =>
  (Object.keys(mapping) as ColumnKind[]).filter((kind) => mapping[kind] !== undefined);

/**
 * The mapping the column picker starts from: the first column of each suggested kind the mode
 * reads. In `people` mode typed id columns win over a generic "id" column; in `faces-only` mode a
 * generic id column (or the first column of a table without header) is taken as the identity_id.
 */
export function suggestMapping(table: PeopleTable, mode: RemovalMode): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const column of table.columns) {
    const kind = column.suggestedKind;
    if (kind !== null && mapping[kind] === undefined) mapping[kind] = column.index;
  }
  if (mode === 'people') {
    const typed = mapping.identity_id !== undefined || mapping.link_id !== undefined || mapping.uid !== undefined;
    if (typed) delete mapping.nativeId;
  } else if (mapping.identity_id === undefined && mapping.nativeId !== undefined) {
    mapping.identity_id = mapping.nativeId;
  }
  for (const kind of mappedKinds(mapping)) {
    if (!MODE_KINDS[mode].includes(kind)) delete mapping[kind];
  }
  return mapping;
}

/**
 * Throws AppError('VALIDATION', details.reason 'mapping') when a mapping cannot produce a list:
 * a column that does not exist, one column picked twice, kinds the mode does not read, a single
 * id column mixed with typed id columns, or the ids the mode needs not picked.
 */
export function assertMappingFits(
  table: PeopleTable,
  mapping: ColumnMapping,
  mode: RemovalMode,
  options: { names?: boolean } = {},
): void {
  const kinds = mappedKinds(mapping);
  const seen = new Map<number, ColumnKind>();
  for (const kind of kinds) {
    const index = mapping[kind] ?? -1;
    if (!Number.isInteger(index) || index < 0 || index >= table.fieldCount) {
      throw mappingError(
        `Column ${index + 1} picked for ${kind} does not exist: the table has ${table.fieldCount} columns. Pick a column from the list.`,
      );
    }
    const other = seen.get(index);
    if (other !== undefined) {
      throw mappingError(
        `The column "${table.columns[index]?.label ?? index + 1}" is picked both for ${other} and for ${kind}. Pick one kind per column.`,
      );
    }
    seen.set(index, kind);
  }
  if (mode === 'people') {
    if (mapping.face_id !== undefined || mapping.register_image_id !== undefined) {
      throw mappingError(
        'face_id and register_image_id columns are only used when removing single faces. Unpick them, or switch to removing faces only.',
      );
    }
    const typed = mapping.identity_id !== undefined || mapping.link_id !== undefined || mapping.uid !== undefined;
    if (typed && mapping.nativeId !== undefined) {
      throw mappingError(
        'A single id column applied to every terminal cannot be mixed with identity_id, link_id or uid columns. Pick either the one id column or the typed id columns.',
      );
    }
    if (
      !PERSON_ID_KINDS.some((kind) => mapping[kind] !== undefined) &&
      !(options.names && mapping.name !== undefined)
    ) {
      throw mappingError('No id column is picked. Pick the column that holds the ids of the people to remove.');
    }
    return;
  }
  if (mapping.link_id !== undefined || mapping.uid !== undefined || mapping.nativeId !== undefined) {
    throw mappingError(
      'Removing single faces works on Sophon terminals by identity_id only. Unpick the link_id, uid and single id columns.',
    );
  }
  if (mapping.identity_id === undefined) {
    throw mappingError(
      "Removing single faces needs the identity_id column. Pick the column that holds each person's identity_id.",
    );
  }
  if (mapping.face_id === undefined && mapping.register_image_id === undefined) {
    throw mappingError(
      'Removing single faces needs a face_id or register_image_id column. Pick the column that says which face to remove.',
    );
  }
}

function findColumn(table: PeopleTable, name: string): TableColumn {
  const wanted = normaliseLabel(name);
  const byLabel = table.columns.find((column) => normaliseLabel(column.label) === wanted);
  if (byLabel !== undefined) return byLabel;
  const byNumber = /^\d+$/.test(name.trim()) ? table.columns[Number(name.trim()) - 1] : undefined;
  if (byNumber !== undefined) return byNumber;
  const labels = table.columns.map((column) => `"${column.label}"`).join(', ');
  throw mappingError(`There is no column named "${name}". The columns are ${labels}: name one of them.`);
}

/**
 * The mapping for an id column picked by name (header label, compared like headers are, "Column 2",
 * or a 1-based number), as the CLI's `--column NAME` does. In `people` mode the column is read as
 * its suggested typed kind (identity_id, link_id or uid) or else as each target's native id; in
 * `faces-only` mode it is the identity_id. Other suggested columns (name, faces) are kept.
 */
export function mappingForColumn(table: PeopleTable, name: string, mode: RemovalMode): ColumnMapping {
  const column = findColumn(table, name);
  const mapping = suggestMapping(table, mode);
  for (const kind of mappedKinds(mapping)) {
    if ((PERSON_ID_KINDS as readonly ColumnKind[]).includes(kind) || mapping[kind] === column.index) {
      delete mapping[kind];
    }
  }
  const suggested = column.suggestedKind;
  const typed = suggested === 'identity_id' || suggested === 'link_id' || suggested === 'uid';
  if (mode === 'faces-only') mapping.identity_id = column.index;
  else if (typed) mapping[suggested] = column.index;
  else mapping.nativeId = column.index;
  return mapping;
}
