import type { ColumnMapping, PeopleTable, RemovalList, RemovalMode } from '../../../shared/domain/people-import.ts';
import {
  MAX_ANSWERED_ERRORS,
  PREVIEW_ROWS,
  type ParsedInput,
  type RemovalInputSource,
} from '../../../shared/domain/removal-input.ts';
import { AppError } from '../../../shared/errors.ts';
import { buildRemovalList } from './build-list.ts';
import { decodeText } from './decode.ts';
import { looksLikeHeader } from './headers.ts';
import { mappingForColumn, suggestMapping } from './mapping.ts';
import { parsePeopleTable } from './parse-table.ts';
import { parsePastedIds } from './paste.ts';

/** What `removal:parse-input` asks for (defaults applied). */
export interface ParseInputOptions {
  readonly source: RemovalInputSource;
  readonly mode: RemovalMode;
  readonly mapping?: ColumnMapping | undefined;
  /** The id column by header label, "Column N" or 1-based number (the CLI's `--column`); ignored with `mapping`. */
  readonly column?: string | undefined;
  /** A row may name a person by name alone (a list matched through the site people index). */
  readonly names?: boolean | undefined;
}

/** A pasted spreadsheet range: its first non-blank line holds two or more cells, one a known column label. */
function looksLikeSpreadsheet(text: string): boolean {
  const first = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .find((line) => line.trim() !== '');
  if (first === undefined) return false;
  const cells = first.split(/[\t,;]/);
  return cells.length >= 2 && looksLikeHeader(cells);
}

/** The list a refused build still carries (no valid row), or the message of a refused mapping. */
function listOfRefusal(error: unknown): RemovalList | string {
  if (!(error instanceof AppError) || error.code !== 'VALIDATION') throw error;
  const details = error.details as { reason?: string; list?: RemovalList } | undefined;
  if (details?.reason === 'no_valid_rows' && details.list) return details.list;
  if (details?.reason === 'mapping') return error.message;
  throw error;
}

function emptyList(table: PeopleTable, mode: RemovalMode): RemovalList {
  return {
    mode,
    items: [],
    errors: [],
    duplicates: 0,
    invalidRows: 0,
    blankLines: table.blankLines,
    totalRows: table.rows.length,
  };
}

/** Caps the answered errors so one wrong file cannot flood the user interface. */
function capped(list: RemovalList): { list: RemovalList; moreErrors: number } {
  const moreErrors = Math.max(0, list.errors.length - MAX_ANSWERED_ERRORS);
  return moreErrors === 0
    ? { list, moreErrors }
    : { list: { ...list, errors: list.errors.slice(0, MAX_ANSWERED_ERRORS) }, moreErrors };
}

function fromTable(
  table: PeopleTable,
  options: ParseInputOptions,
  read: Pick<ParsedInput, 'source' | 'encoding'>,
): ParsedInput {
  // A named column that is not there is refused (thrown): the command line says which columns there are.
  const mapping =
    options.mapping ??
    (options.column === undefined
      ? suggestMapping(table, options.mode)
      : mappingForColumn(table, options.column, options.mode));
  let list: RemovalList;
  let mappingProblem: string | null = null;
  try {
    list = buildRemovalList(table, mapping, options.mode, { names: options.names === true });
  } catch (error) {
    const refusal = listOfRefusal(error);
    if (typeof refusal === 'string') {
      mappingProblem = refusal;
      list = emptyList(table, options.mode);
    } else {
      list = refusal;
    }
  }
  return {
    ...read,
    table: true,
    delimiter: table.delimiter,
    hasHeader: table.hasHeader,
    headerLine: table.headerLine,
    columns: table.columns,
    preview: table.rows.slice(0, PREVIEW_ROWS),
    mapping,
    mappingProblem,
    ...capped(list),
  };
}

function fromPastedIds(text: string): ParsedInput {
  let list: RemovalList;
  try {
    list = parsePastedIds(text);
  } catch (error) {
    const details = error instanceof AppError ? (error.details as { list?: RemovalList } | undefined) : undefined;
    if (!details?.list) throw error;
    list = details.list;
  }
  return {
    source: 'paste',
    table: false,
    encoding: null,
    delimiter: null,
    hasHeader: false,
    headerLine: null,
    columns: [{ index: 0, label: 'Column 1', suggestedKind: 'nativeId' }],
    preview: [],
    mapping: { nativeId: 0 },
    mappingProblem: null,
    ...capped(list),
  };
}

/**
 * Reads what the technician pasted or imported, for the removal wizard: a pasted list of ids
 * ({@link parsePastedIds}), or a table (an imported CSV/TSV file, a pasted spreadsheet range with a
 * header, or anything in faces-only mode) whose columns the technician can pick. A list without any valid
 * row, or a mapping that does not fit, is answered (with the errors, or `mappingProblem`) rather than
 * refused, so the picker can show what to fix. Throws AppError('VALIDATION') only when a file is not
 * text (empty, binary, undecodable).
 */
export function parseRemovalInput(options: ParseInputOptions): ParsedInput {
  const { source } = options;
  if (source.kind === 'paste') {
    const picked = options.mapping !== undefined || options.column !== undefined;
    if (options.mode === 'people' && !picked && !looksLikeSpreadsheet(source.text)) {
      return fromPastedIds(source.text);
    }
    return fromTable(parsePeopleTable(source.text), options, { source: 'paste', encoding: null });
  }
  const { text, encoding } = decodeText(new Uint8Array(Buffer.from(source.base64, 'base64')));
  return fromTable(parsePeopleTable(text), options, { source: 'file', encoding });
}
