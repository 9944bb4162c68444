import type { PeopleTable, RemovalList, TableRow } from '../../../shared/domain/people-import.ts';
import { MAX_IMPORT_ROWS } from '../../../shared/domain/limits.ts';
import { AppError } from '../../../shared/errors.ts';
import { buildRemovalList } from './build-list.ts';
import { isKnownLabel } from './headers.ts';

/** What separates pasted ids: white space (tabs, full-width spaces), commas, semicolons, Chinese commas. */
const SEPARATORS = /[\s,;，；、]+/u;

/** Drops one pair of surrounding double or single quotes, as left by copying from CSV or code. */
const unquote = (token: string): string => token.replace(/^(["'])(.*)\1$/su, '$2');

/**
 * Reads a pasted list of ids separated by line breaks, commas, semicolons, spaces or tabs and
 * returns the same {@link RemovalList} as a single-column file: each id is applied as each target's
 * native id, keeps the 1-based line it was pasted on, is validated, and duplicates are dropped and
 * counted. Blank lines are counted; a first line made only of column labels (e.g. "identity_id") is
 * skipped as a header. Throws AppError('VALIDATION') when no id is valid (see buildRemovalList).
 * More than MAX_IMPORT_ROWS ids throw VALIDATION `too-many-rows` with how many were read.
 * A pasted spreadsheet range with several columns belongs to parsePeopleTable instead.
 */
export function parsePastedIds(text: string): RemovalList {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const rows: TableRow[] = [];
  let blankLines = 0;
  let headerChecked = false;
  let tooManyAt: number | null = null;
  lines.forEach((content, index) => {
    const tokens = content
      .split(SEPARATORS)
      .map(unquote)
      .filter((token) => token.trim() !== '');
    if (tokens.length === 0) {
      // The empty string after a final line break is not a line.
      if (index < lines.length - 1 || content !== '') blankLines++;
      return;
    }
    if (!headerChecked) {
      headerChecked = true;
      if (tokens.every(isKnownLabel)) return;
    }
    for (const token of tokens) rows.push({ line: index + 1, cells: [token] });
    if (rows.length > MAX_IMPORT_ROWS && tooManyAt === null) tooManyAt = index + 1;
  });
  if (tooManyAt !== null) {
    throw new AppError(
      'VALIDATION',
      `The list has more than ${MAX_IMPORT_ROWS} ids (read ${rows.length} ids, up to line ${tooManyAt}): nothing was imported. Split it into smaller lists.`,
      { reason: 'too-many-rows', rowsRead: rows.length, maxRows: MAX_IMPORT_ROWS, line: tooManyAt },
    );
  }
  const table: PeopleTable = {
    columns: [{ index: 0, label: 'Column 1', suggestedKind: 'nativeId' }],
    rows,
    hasHeader: false,
    headerLine: null,
    delimiter: ',',
    fieldCount: 1,
    blankLines,
    issues: [],
  };
  return buildRemovalList(table, { nativeId: 0 }, 'people');
}
