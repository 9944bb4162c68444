import type { ColumnMapping, Delimiter, PeopleImport, RemovalMode } from '../../../shared/domain/people-import.ts';
import { buildRemovalList } from './build-list.ts';
import { decodeText } from './decode.ts';
import { mappingForColumn, suggestMapping } from './mapping.ts';
import { parsePeopleTable } from './parse-table.ts';

/** Options of {@link importPeopleFile}. */
export interface ImportFileOptions {
  /** Whole persons (default) or single faces. */
  readonly mode?: RemovalMode;
  /** The id column by header label, "Column N" or 1-based number (the CLI's `--column NAME`). */
  readonly column?: string;
  /** An explicit mapping (the column picker's); wins over `column` and the suggestions. */
  readonly mapping?: ColumnMapping;
  /** Forces a delimiter instead of detecting it. */
  readonly delimiter?: Delimiter;
  /** A row may name a person by name alone (a list matched through the site people index, issue 17). */
  readonly names?: boolean;
}

/**
 * Imports a CSV/TSV file in one go, for the CLI (`--file PATH [--column NAME]`): decode
 * (decodeText) → parse (parsePeopleTable) → mapping (explicit, by column name, or suggested) →
 * validate (buildRemovalList). Throws AppError('VALIDATION') before anything could be sent when the
 * file is not text, the mapping does not fit, or no row is valid.
 */
export function importPeopleFile(bytes: Uint8Array, options: ImportFileOptions = {}): PeopleImport {
  const mode = options.mode ?? 'people';
  const { text, encoding } = decodeText(bytes);
  const table = parsePeopleTable(text, options.delimiter === undefined ? {} : { delimiter: options.delimiter });
  const mapping =
    options.mapping ??
    (options.column === undefined ? suggestMapping(table, mode) : mappingForColumn(table, options.column, mode));
  const list = buildRemovalList(table, mapping, mode, { names: options.names === true });
  return {
    encoding,
    delimiter: table.delimiter,
    hasHeader: table.hasHeader,
    columns: table.columns,
    mapping,
    list,
  };
}
