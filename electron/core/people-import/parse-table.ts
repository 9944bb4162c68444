import Papa from 'papaparse';
import type { ParseError } from 'papaparse';
import {
  DELIMITERS,
  type ColumnKind,
  type Delimiter,
  type ImportIssue,
  type PeopleTable,
  type TableColumn,
} from '../../../shared/domain/people-import.ts';
import { MAX_IMPORT_ROWS } from '../../../shared/domain/limits.ts';
import { AppError } from '../../../shared/errors.ts';
import { kindOfLabel, looksLikeHeader } from './headers.ts';

/** Options of {@link parsePeopleTable}. */
export interface ParseTableOptions {
  /** Forces a delimiter; by default it is detected among comma, tab and semicolon. */
  readonly delimiter?: Delimiter;
}

/** One record as read, blank or not, with the 1-based physical line it starts on. */
interface RawRow {
  readonly line: number;
  readonly cells: string[];
  readonly errors: ParseError[];
}

/** Excel's optional first line naming the delimiter, e.g. "sep=;". */
const SEP_HINT = /^sep=(.)[ \t]*(?:\n|$)/i;

const isDelimiter = (value: string): value is Delimiter => (DELIMITERS as readonly string[]).includes(value);

/** Picks the delimiter with papaparse's guesser (first rows, blank lines ignored); comma when unsure. */
function guessDelimiter(text: string): Delimiter {
  const guess = Papa.parse<string[]>(text, {
    delimitersToGuess: [...DELIMITERS],
    newline: '\n',
    skipEmptyLines: 'greedy',
    preview: 1,
  });
  return isDelimiter(guess.meta.delimiter) ? guess.meta.delimiter : ',';
}

/**
 * Reads every record with papaparse, blank ones included, and numbers them by the physical line
 * they start on: papaparse reports where each record ends (`meta.cursor`), so the line of the next
 * record is one plus the line breaks before that offset, quoted line breaks included.
 */
function readRows(text: string, delimiter: Delimiter, firstLine: number): RawRow[] {
  const rows: RawRow[] = [];
  let start = 0;
  let line = firstLine;
  let counted = 0;
  let tooMany = false;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    skipEmptyLines: false,
    step: (result, parser) => {
      if (rows.length >= MAX_IMPORT_ROWS) {
        // Stop reading: the list is over the row cap (memory stays bounded; the error says how far it got).
        tooMany = true;
        parser.abort();
        return;
      }
      // The empty record after a final line break is not a line of the file.
      if (start < text.length) {
        for (let at = text.indexOf('\n', counted); at !== -1 && at < start; at = text.indexOf('\n', at + 1)) {
          line++;
        }
        counted = start;
        rows.push({ line, cells: result.data, errors: result.errors });
      }
      start = result.meta.cursor;
    },
  });
  if (tooMany) {
    throw new AppError(
      'VALIDATION',
      `The list has more than ${MAX_IMPORT_ROWS} rows (read ${rows.length} rows, up to line ${line}, then stopped): nothing was imported. Split it into smaller lists.`,
      { reason: 'too-many-rows', rowsRead: rows.length, maxRows: MAX_IMPORT_ROWS, line },
    );
  }
  return rows;
}

const isBlank = (cells: readonly string[]): boolean => cells.every((cell) => cell.trim() === '');

/** The most common field count; ties go to the count seen first. */
function commonFieldCount(rows: readonly RawRow[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const row of rows) {
    const count = (counts.get(row.cells.length) ?? 0) + 1;
    counts.set(row.cells.length, count);
    if (count > bestCount) {
      best = row.cells.length;
      bestCount = count;
    }
  }
  return best;
}

function quoteIssue(row: RawRow): ImportIssue | null {
  const [error] = row.errors;
  if (error === undefined) return null;
  if (error.code === 'MissingQuotes') {
    return {
      line: row.line,
      code: 'unclosed_quote',
      message:
        'A quoted field that starts on this line is never closed, so the rest of the file was read as part of it. Add the missing closing double quote (") or remove the opening one, then import again.',
    };
  }
  return {
    line: row.line,
    code: 'invalid_quotes',
    message:
      'A quoted field on this line has text after its closing double quote. Write a quote inside a quoted field as two quotes (""), or remove the quotes, then import again.',
  };
}

function buildColumns(fieldCount: number, header: readonly string[] | null): TableColumn[] {
  return Array.from({ length: fieldCount }, (_, index): TableColumn => {
    const label = header?.[index]?.trim() ?? '';
    // Without a header only the first column gets a suggestion: it is applied as each target's native id.
    const suggestedKind: ColumnKind | null = header === null ? (index === 0 ? 'nativeId' : null) : kindOfLabel(label);
    return { index, label: label === '' ? `Column ${index + 1}` : label, suggestedKind };
  });
}

/**
 * Parses pasted or decoded CSV/TSV text into a table for the column picker. Line breaks may be
 * CRLF, LF or CR (mixed too); quoted fields may hold delimiters, doubled quotes and line breaks.
 * Blank lines (also lines of only spaces or delimiters) are skipped and counted, and every row keeps
 * the 1-based physical line it starts on. The first non-blank row is a header when one of its cells
 * is a known column label ({@link looksLikeHeader}); otherwise the columns are named "Column 1", ...
 * and the first is suggested as the native id. An Excel "sep=;" first line sets the delimiter.
 * Broken quotes become `issues`; only a list over MAX_IMPORT_ROWS throws (VALIDATION `too-many-rows`, with
 * `rowsRead`: reading stops there).
 */
export function parsePeopleTable(text: string, options: ParseTableOptions = {}): PeopleTable {
  let normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // Excel's "sep=;" hint line names the delimiter; it is dropped and the lines counted from 2.
  const hint = SEP_HINT.exec(normalised)?.[1];
  if (hint !== undefined) normalised = normalised.slice(normalised.indexOf('\n') + 1 || normalised.length);
  const delimiter = options.delimiter ?? (hint !== undefined && isDelimiter(hint) ? hint : guessDelimiter(normalised));
  const records = readRows(normalised, delimiter, hint === undefined ? 1 : 2);
  const content = records.filter((row) => !isBlank(row.cells));
  const first = content[0];
  const hasHeader = first !== undefined && first.errors.length === 0 && looksLikeHeader(first.cells);
  const header = hasHeader ? first : null;
  const dataRows = hasHeader ? content.slice(1) : content;
  const fieldCount = header !== null ? header.cells.length : commonFieldCount(dataRows);
  return {
    columns: buildColumns(fieldCount, header?.cells ?? null),
    rows: dataRows.map((row) => ({ line: row.line, cells: row.cells })),
    hasHeader,
    headerLine: header?.line ?? null,
    delimiter,
    fieldCount,
    blankLines: records.length - content.length,
    issues: dataRows.map(quoteIssue).filter((issue) => issue !== null),
  };
}
