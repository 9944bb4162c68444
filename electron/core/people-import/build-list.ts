import type {
  ColumnMapping,
  ImportIssue,
  PeopleTable,
  RemovalItem,
  RemovalList,
  RemovalMode,
  TableRow,
} from '../../../shared/domain/people-import.ts';
import { MAX_NAME_CHARS } from '../../../shared/domain/limits.ts';
import { AppError } from '../../../shared/errors.ts';
import { assertMappingFits } from './mapping.ts';
import { checkId, cleanCell, type CheckedKind } from './validate-id.ts';

/** The id kinds read from a row, in the order they are checked. */
const ID_COLUMNS: readonly CheckedKind[] = [
  'identity_id',
  'link_id',
  'uid',
  'face_id',
  'register_image_id',
  'nativeId',
];

/** What reading one row yields: an item, or the row's problems. */
type RowOutcome = { readonly item: RemovalItem } | { readonly errors: ImportIssue[] };

function fieldCountIssue(row: TableRow, table: PeopleTable): ImportIssue {
  const reference = table.hasHeader ? 'the header has' : 'most rows have';
  const advice =
    row.cells.length > table.fieldCount
      ? 'A value probably contains the delimiter: put that value in double quotes, or remove the extra delimiter.'
      : 'Some values are missing: add them, or delete the row.';
  return {
    line: row.line,
    code: 'field_count',
    message: `This row has ${row.cells.length} fields but ${reference} ${table.fieldCount}. ${advice}`,
  };
}

function missingIssues(row: TableRow, item: RemovalItem, mode: RemovalMode, names: boolean): ImportIssue[] {
  if (mode === 'people') {
    const hasId =
      [item.identity_id, item.link_id, item.uid, item.nativeId].some((id) => id !== undefined) ||
      (names && item.name !== undefined);
    return hasId
      ? []
      : [
          {
            line: row.line,
            code: 'missing_id',
            message: 'This row has no id. Fill in the id of the person to remove, or delete the row.',
          },
        ];
  }
  const issues: ImportIssue[] = [];
  if (item.identity_id === undefined) {
    issues.push({
      line: row.line,
      code: 'missing_identity_id',
      message: 'This row has no identity_id. Fill in the identity_id of the person whose face is removed.',
    });
  }
  if (item.face_id === undefined && item.register_image_id === undefined) {
    issues.push({
      line: row.line,
      code: 'missing_face',
      message: 'This row names no face. Fill in the face_id or the register_image_id of the face to remove.',
    });
  }
  return issues;
}

function nameTooLong(row: TableRow, column: number): ImportIssue {
  return {
    line: row.line,
    column,
    code: 'name_too_long',
    message: `This name is longer than ${MAX_NAME_CHARS} characters. Shorten it (or pick the right name column), then import again.`,
  };
}

function readRow(
  row: TableRow,
  table: PeopleTable,
  mapping: ColumnMapping,
  mode: RemovalMode,
  names = false,
): RowOutcome {
  if (row.cells.length !== table.fieldCount) return { errors: [fieldCountIssue(row, table)] };
  const item: RemovalItem = { line: row.line };
  const errors: ImportIssue[] = [];
  for (const kind of ID_COLUMNS) {
    const column = mapping[kind];
    if (column === undefined) continue;
    const value = cleanCell(row.cells[column] ?? '');
    if (value === '') continue;
    const check = checkId(kind, value);
    if (!check.ok) {
      errors.push({ line: row.line, column, code: check.code, message: check.message });
    } else if (kind === 'uid') {
      item.uid = Number(check.value);
    } else {
      item[kind] = String(check.value);
    }
  }
  if (errors.length > 0) return { errors };
  // A name is shown (and, matched through the people index, identifies the person).
  if (mapping.name !== undefined) {
    // A name is only shown: line breaks and runs of spaces inside it become one space.
    const cell = row.cells[mapping.name] ?? '';
    // Bounded before any work on it: a 10 MB "name" is refused by its length alone.
    if (cell.length > MAX_NAME_CHARS * 4) return { errors: [nameTooLong(row, mapping.name)] };
    const name = cleanCell(cell).replace(/\s+/gu, ' ');
    if (name.length > MAX_NAME_CHARS) return { errors: [nameTooLong(row, mapping.name)] };
    if (name !== '') item.name = name;
  }
  const missing = missingIssues(row, item, mode, names);
  if (missing.length > 0) return { errors: missing };
  return { item };
}

/**
 * Two rows are duplicates when they carry the same ids (UUIDs compared without case; names ignored unless the
 * list may name people by name alone).
 */
export function duplicateKey(item: RemovalItem, names: boolean): string {
  return JSON.stringify([
    names ? (item.name ?? null) : null,
    item.identity_id ?? null,
    item.link_id?.toLowerCase() ?? null,
    item.uid ?? null,
    item.face_id ?? null,
    item.register_image_id ?? null,
    item.nativeId ?? null,
  ]);
}

/** The message of the VALIDATION error thrown when no row is valid. */
/** What to say when no row of a list is valid: the list is empty, or how many rows and the first error. */
export function emptyMessage(list: Pick<RemovalList, 'totalRows' | 'errors'>): string {
  if (list.totalRows === 0) {
    return 'The list holds no rows with ids, so nothing can be removed. Check that you chose the right file or pasted the ids.';
  }
  const first = list.errors[0];
  const example = first ? ` The first: line ${first.line}: ${first.message}` : '';
  return `None of the ${list.totalRows} rows is valid, so nothing can be removed. Fix the errors listed by line number, or pick the right columns, and import again.${example}`;
}

/**
 * Validates a parsed table with the columns the technician picked and builds the removal list.
 * Cells are trimmed; a row whose field count differs from the table's, with broken quotes, with an
 * invalid id (see {@link checkId}) or without the ids the mode needs is an error reported by line
 * (and column); such a row is dropped as a whole. `people` mode needs at least one person id per
 * row (or, with `names`, a name: a list of people matched through the site people index); `faces-only` mode
 * needs identity_id plus face_id or register_image_id. Rows with the same
 * ids as an earlier row are dropped and counted (the first is kept). Throws AppError('VALIDATION')
 * when the mapping does not fit ({@link assertMappingFits}), or when no row is valid; then
 * `details.reason` is 'no_valid_rows' and
 * `details.list` holds the {@link RemovalList} with every error.
 */
export function buildRemovalList(
  table: PeopleTable,
  mapping: ColumnMapping,
  mode: RemovalMode,
  options: { names?: boolean } = {},
): RemovalList {
  const names = options.names === true && mode === 'people';
  assertMappingFits(table, mapping, mode, { names });
  const quoteIssues = new Map(table.issues.map((issue) => [issue.line, issue]));
  const list: RemovalList = {
    mode,
    items: [],
    errors: [],
    duplicates: 0,
    invalidRows: 0,
    blankLines: table.blankLines,
    totalRows: table.rows.length,
  };
  const seen = new Set<string>();
  for (const row of table.rows) {
    const quoteIssue = quoteIssues.get(row.line);
    const outcome = quoteIssue !== undefined ? { errors: [quoteIssue] } : readRow(row, table, mapping, mode, names);
    if ('errors' in outcome) {
      list.invalidRows++;
      list.errors.push(...outcome.errors);
      continue;
    }
    const key = duplicateKey(outcome.item, names);
    if (seen.has(key)) {
      list.duplicates++;
      continue;
    }
    seen.add(key);
    list.items.push(outcome.item);
  }
  if (list.items.length === 0) throw new AppError('VALIDATION', emptyMessage(list), { reason: 'no_valid_rows', list });
  return list;
}
