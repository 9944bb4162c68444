import { z } from 'zod';
import { MAX_IMPORT_FILE_BYTES } from './limits.ts';
import {
  ColumnMappingSchema,
  DelimiterSchema,
  RemovalListSchema,
  TableColumnSchema,
  TableRowSchema,
  TextEncodingSchema,
} from './people-import.ts';

/**
 * Reading what the technician pasted, or the bytes of the file they picked (electron/core/people-import): the
 * table's columns, the mapping used, the counts, the line-numbered errors and the valid items. The items stay in
 * the core's removal draft; `removal:parse-input` answers this reading without them (removal-draft.ts).
 */

/** Longest pasted text accepted, in characters. */
export const MAX_PASTE_CHARS = 10_000_000;

/** Longest base64 text of an imported file accepted: exactly a file of MAX_IMPORT_FILE_BYTES (12 MB). */
export const MAX_FILE_BASE64_CHARS = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4;

/** At most this many row errors are answered; the rest are counted in `moreErrors`. */
export const MAX_ANSWERED_ERRORS = 500;

/** At most this many data rows are answered as a preview for the column picker. */
export const PREVIEW_ROWS = 3;

/** What the technician gave: pasted text, or an imported file's bytes in base64. */
export const RemovalInputSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paste'), text: z.string().max(MAX_PASTE_CHARS) }).strict(),
  z
    .object({
      kind: z.literal('file'),
      fileName: z.string().min(1).max(300),
      base64: z
        .string()
        .max(MAX_FILE_BASE64_CHARS)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    })
    .strict(),
]);

/** What the technician gave: pasted text, or an imported file's bytes in base64. */
export type RemovalInputSource = z.infer<typeof RemovalInputSourceSchema>;

/** The reading of an input (what `removal:parse-input` answers, without the items, as a draft's `input`). */
export const ParsedInputSchema = z.object({
  source: z.enum(['paste', 'file']),
  /** True when the input was read as a table whose columns the technician can pick (files, spreadsheet pastes). */
  table: z.boolean(),
  /** How a file's bytes were decoded (null for pasted text). */
  encoding: TextEncodingSchema.nullable(),
  delimiter: DelimiterSchema.nullable(),
  hasHeader: z.boolean(),
  headerLine: z.number().int().positive().nullable(),
  columns: z.array(TableColumnSchema),
  /** The first data rows, to show what each column holds. */
  preview: z.array(TableRowSchema).max(PREVIEW_ROWS),
  /** The mapping used (the suggested one unless the request named one). */
  mapping: ColumnMappingSchema,
  /** Why the mapping cannot produce a list (pick other columns), or null. */
  mappingProblem: z.string().nullable(),
  /** The validated list; `items` is empty when no row is valid or the mapping does not fit. */
  list: RemovalListSchema,
  /** Row errors not answered (beyond {@link MAX_ANSWERED_ERRORS}). */
  moreErrors: z.number().int().nonnegative(),
});

/** The answer of `removal:parse-input`. */
export type ParsedInput = z.infer<typeof ParsedInputSchema>;
