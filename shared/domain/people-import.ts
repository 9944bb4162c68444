import { z } from 'zod';

/**
 * Serialisable shapes of the bulk-removal input: the list of people (or faces) a technician wants to
 * remove, read from a pasted list or a CSV/TSV file (electron/core/people-import).
 */

/** How the bytes of an imported file were decoded. */
export const TEXT_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030'] as const;

/** Zod schema of {@link TextEncoding}. */
export const TextEncodingSchema = z.enum(TEXT_ENCODINGS);

/** How the bytes of an imported file were decoded. */
export type TextEncoding = z.infer<typeof TextEncodingSchema>;

/** Field delimiters a table may use: comma, tab (Excel "Unicode text") and semicolon (European Excel). */
export const DELIMITERS = [',', '\t', ';'] as const;

/** Zod schema of {@link Delimiter}. */
export const DelimiterSchema = z.enum(DELIMITERS);

/** A field delimiter of an imported table. */
export type Delimiter = z.infer<typeof DelimiterSchema>;

/**
 * Kinds of id a row can carry: `identity_id` (Sophon person), `link_id` (BAS-IP identifier, a UUID),
 * `uid` (BAS-IP identifier number), `face_id` and `register_image_id` (one Sophon face of a person).
 */
export const ID_KINDS = ['identity_id', 'link_id', 'uid', 'face_id', 'register_image_id'] as const;

/** Zod schema of {@link IdKind}. */
export const IdKindSchema = z.enum(ID_KINDS);

/** A kind of id a row can carry. */
export type IdKind = z.infer<typeof IdKindSchema>;

/**
 * What a column can hold: one id kind, a display `name`, or `nativeId` (a single-column list whose
 * value is applied as each target's own id kind: identity_id on Sophon, link_id or uid on BAS-IP).
 */
export const COLUMN_KINDS = [...ID_KINDS, 'name', 'nativeId'] as const;

/** Zod schema of {@link ColumnKind}. */
export const ColumnKindSchema = z.enum(COLUMN_KINDS);

/** What a column can hold. */
export type ColumnKind = z.infer<typeof ColumnKindSchema>;

/** `people` removes whole persons; `faces-only` removes single faces and keeps the person (Sophon `deleteface`). */
export const REMOVAL_MODES = ['people', 'faces-only'] as const;

/** Zod schema of {@link RemovalMode}. */
export const RemovalModeSchema = z.enum(REMOVAL_MODES);

/** Whether a removal list removes whole persons or single faces. */
export type RemovalMode = z.infer<typeof RemovalModeSchema>;

/**
 * Stable codes of the problems an import reports; the renderer may translate them. Each issue also
 * carries an English sentence that says what is wrong and what to do.
 */
export const IMPORT_ISSUE_CODES = [
  'unclosed_quote',
  'invalid_quotes',
  'field_count',
  'missing_id',
  'missing_identity_id',
  'missing_face',
  'scientific_notation',
  'invalid_identity_id',
  'invalid_link_id',
  'invalid_uid',
  'invalid_face_id',
  'invalid_register_image_id',
  'invalid_native_id',
  'name_too_long',
] as const;

/** Zod schema of {@link ImportIssueCode}. */
export const ImportIssueCodeSchema = z.enum(IMPORT_ISSUE_CODES);

/** A stable code of an import problem. */
export type ImportIssueCode = z.infer<typeof ImportIssueCodeSchema>;

const lineNumber = z.number().int().positive();
const columnIndex = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

/** One problem of one row: 1-based physical line where the row starts, optional 0-based column. */
export const ImportIssueSchema = z.object({
  line: lineNumber,
  column: columnIndex.optional(),
  code: ImportIssueCodeSchema,
  message: z.string(),
});

/** One problem of one row. */
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

/** One column of a parsed table, with the kind the column picker suggests (null: none). */
export const TableColumnSchema = z.object({
  index: columnIndex,
  label: z.string(),
  suggestedKind: ColumnKindSchema.nullable(),
});

/** One column of a parsed table. */
export type TableColumn = z.infer<typeof TableColumnSchema>;

/** One non-blank data row: the 1-based physical line it starts on and its untrimmed cells. */
export const TableRowSchema = z.object({
  line: lineNumber,
  cells: z.array(z.string()),
});

/** One non-blank data row of a parsed table. */
export type TableRow = z.infer<typeof TableRowSchema>;

/** A parsed CSV/TSV table before the technician maps its columns. */
export const PeopleTableSchema = z.object({
  columns: z.array(TableColumnSchema),
  /** Non-blank data rows (the header row excluded). */
  rows: z.array(TableRowSchema),
  hasHeader: z.boolean(),
  /** Line of the header row, or null when there is none. */
  headerLine: lineNumber.nullable(),
  delimiter: DelimiterSchema,
  /** The number of fields every row should have (the header's, or the most common one). */
  fieldCount: count,
  /** Blank lines skipped (lines holding only spaces or delimiters included). */
  blankLines: count,
  /** Structural problems found while parsing (broken quotes), one per affected row. */
  issues: z.array(ImportIssueSchema),
});

/** A parsed CSV/TSV table before the technician maps its columns. */
export type PeopleTable = z.infer<typeof PeopleTableSchema>;

/** Which column (0-based index) holds which kind; every key is optional. */
export const ColumnMappingSchema = z
  .object({
    identity_id: columnIndex,
    link_id: columnIndex,
    uid: columnIndex,
    face_id: columnIndex,
    register_image_id: columnIndex,
    name: columnIndex,
    nativeId: columnIndex,
  })
  .partial()
  .strict();

/** Which column holds which kind. */
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** One valid person (or face) to remove, with the line it came from. */
export const RemovalItemSchema = z.object({
  line: lineNumber,
  identity_id: z.string().optional(),
  link_id: z.string().optional(),
  uid: z.number().int().positive().optional(),
  face_id: z.string().optional(),
  register_image_id: z.string().optional(),
  name: z.string().optional(),
  nativeId: z.string().optional(),
});

/** One valid person (or face) to remove. */
export type RemovalItem = z.infer<typeof RemovalItemSchema>;

/**
 * The validated removal list. Every non-blank data row is counted once in `totalRows` and ends up in
 * exactly one of `items`, `duplicates` or `invalidRows` (a row can have several `errors`).
 */
export const RemovalListSchema = z.object({
  mode: RemovalModeSchema,
  items: z.array(RemovalItemSchema),
  errors: z.array(ImportIssueSchema),
  duplicates: count,
  invalidRows: count,
  blankLines: count,
  totalRows: count,
});

/** The validated removal list. */
export type RemovalList = z.infer<typeof RemovalListSchema>;

/** What importing a file yields: how it was read, its columns, the mapping used, and the list. */
export const PeopleImportSchema = z.object({
  encoding: TextEncodingSchema,
  delimiter: DelimiterSchema,
  hasHeader: z.boolean(),
  columns: z.array(TableColumnSchema),
  mapping: ColumnMappingSchema,
  list: RemovalListSchema,
});

/** What importing a file yields. */
export type PeopleImport = z.infer<typeof PeopleImportSchema>;
