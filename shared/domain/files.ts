import { z } from 'zod';

/** Largest file `files:save-as` writes: 64 MiB of UTF-8 (a report of every operation of a big site fits). */
export const MAX_SAVE_BYTES = 64 * 1024 * 1024;

/** A filter of the native Save dialog: a name and extensions without the dot (`csv`, `json`). */
export const SaveFilterSchema = z
  .object({
    name: z.string().min(1).max(60),
    extensions: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z0-9]{1,10}$/)
          .or(z.literal('*')),
      )
      .min(1)
      .max(5),
  })
  .strict();

/**
 * The request of `files:save-as`: the name the dialog suggests (a file name, never a path: the folder is
 * the user's choice in the dialog), the dialog's filters, and what to write: text (`encoding: 'utf8'`, the
 * default) or bytes as base64 (`encoding: 'base64'`, an Excel workbook). A string never holds more characters
 * than its bytes, so the cap here is checked again in bytes before anything is asked.
 */
export const SaveFileRequestSchema = z
  .object({
    suggestedName: z.string().min(1).max(200),
    filters: z.array(SaveFilterSchema).max(5).default([]),
    content: z.string().max(MAX_SAVE_BYTES),
    encoding: z.enum(['utf8', 'base64']).default('utf8'),
  })
  .strict();

/** The request of `files:save-as` (before defaults). */
export type SaveFileRequest = z.input<typeof SaveFileRequestSchema>;

/**
 * What `files:save-as` answers: saved (where, how many bytes), cancelled in the dialog, or failed without
 * writing a complete file: `too-large` (over {@link MAX_SAVE_BYTES}, nothing asked) or `write-failed` (the
 * folder refused it, the disk is full...; `detail` is the system's reason).
 */
export const SaveFileResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string(), bytes: z.number().int().nonnegative() }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({
    outcome: z.literal('failed'),
    problem: z.enum(['too-large', 'write-failed']),
    detail: z.string(),
  }),
]);

/** What `files:save-as` answers. */
export type SaveFileResult = z.infer<typeof SaveFileResultSchema>;
