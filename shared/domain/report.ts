import { z } from 'zod';

/** Formats of the commissioning report. */
export const ReportFormatSchema = z.enum(['html', 'csv']);

/** A format of the commissioning report. */
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

const time = z.number().int().min(0).max(8_640_000_000_000_000);

/** The request of `report:build`: the site visit is the jobs created in [since, until] (both optional). */
export const ReportRequestSchema = z
  .object({ format: ReportFormatSchema, since: time.optional(), until: time.optional() })
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
