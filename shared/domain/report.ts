import { z } from 'zod';

/** Formats of the commissioning report. */
export const ReportFormatSchema = z.enum(['html', 'csv']);

/** A format of the commissioning report. */
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

const time = z.number().int().min(0).max(8_640_000_000_000_000);

/** A name printed in the sign-off block (technician, customer representative): one line, trimmed. */
const signOffName = z
  .string()
  .trim()
  .max(120)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'one line without control characters');

/**
 * The request of `report:build`: the site visit is the jobs created in [since, until] (both optional);
 * `technician` and `customer` pre-fill the names of the sign-off block (blank lines to write on otherwise).
 */
export const ReportRequestSchema = z
  .object({
    format: ReportFormatSchema,
    since: time.optional(),
    until: time.optional(),
    technician: signOffName.optional(),
    customer: signOffName.optional(),
  })
  .strict();

/** The request of `report:build`. */
export type ReportRequest = z.infer<typeof ReportRequestSchema>;

/** The answer of `report:build`: the report as text, ready to save under `fileName`. */
export const ReportSchema = z.object({
  format: ReportFormatSchema,
  fileName: z.string(),
  terminals: z.number().int().nonnegative(),
  operations: z.number().int().nonnegative(),
  content: z.string(),
});

/** The answer of `report:build`. */
export type Report = z.infer<typeof ReportSchema>;

/**
 * The request of `report:pdf`: the HTML report of {@link ReportRequestSchema} (same window, same names) printed
 * to PDF by the desktop app and saved through the Save dialog.
 */
export const ReportPdfRequestSchema = ReportRequestSchema.omit({ format: true }).strict();

/** The request of `report:pdf`. */
export type ReportPdfRequest = z.infer<typeof ReportPdfRequestSchema>;
