import { SaveFileResultSchema } from '../../domain/files.ts';
import { ReportPdfRequestSchema, ReportRequestSchema, ReportSchema } from '../../domain/report.ts';
import { channel } from './channel.ts';

/** The report channels: the commissioning report of a site visit. */
export const reportChannels = {
  'report:build': channel(
    ReportRequestSchema,
    ReportSchema,
    'The commissioning report of a site visit as printable HTML or CSV text.',
  ),
  'report:pdf': channel(
    ReportPdfRequestSchema,
    SaveFileResultSchema,
    'Desktop app only: the HTML report printed to PDF and saved through the Save dialog; the browser prints the page (Print → Save as PDF).',
  ),
} as const;

/** Events of the report domain, with their payload schemas. */
export const reportEvents = {} as const;
