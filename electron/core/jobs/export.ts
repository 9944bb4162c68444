import { csvCell } from '../files/csv-cell.ts';
import type { ExportFormat, JobExport, JobItem, JobSummary } from '../../../shared/domain/removal.ts';

/**
 * Columns of the CSV report, in order. `evidence` is the stable code of what decided the outcome (answer,
 * not-found, item-error, read-before, read-back, plan; empty without evidence, as for an unconfirmed item).
 */
export const CSV_COLUMNS = [
  'terminal',
  'terminal_kind',
  'line',
  'name',
  'person_key',
  'id_kind',
  'native_id',
  'face_id',
  'outcome',
  'evidence',
  'raw_code',
  'reason',
  'attempts',
  'verified',
  'updated_at',
] as const;

/**
 * Quotes a CSV field when needed; every text is formula-guarded (`files/csv-cell.ts`, full-width forms too).
 * `_guardFormula` is kept for callers of the time when the guard was opt-in: text is always guarded now.
 */
export function csvField(value: string | number | boolean | null, _guardFormula = true): string {
  return csvCell(value);
}

function csvRow(item: JobItem): string {
  return [
    // A terminal's serial is what the terminal (or a cloud's device id) says it is: guarded like the names.
    csvField(item.terminal, true),
    csvField(item.terminalKind),
    csvField(item.line),
    csvField(item.name, true),
    csvField(item.personKey, true),
    csvField(item.idKind),
    csvField(item.nativeId, true),
    csvField(item.faceId, true),
    csvField(item.outcome ?? 'pending'),
    csvField(item.evidence ?? null),
    csvField(item.rawCode, true),
    csvField(item.reason, true),
    csvField(item.attempts),
    csvField(item.verified),
    csvField(new Date(item.updatedAt).toISOString()),
  ].join(',');
}

/**
 * The report of a job as text: CSV (UTF-8 with a byte-order mark so spreadsheet programs read Chinese names,
 * CRLF line ends, one row per item, with the evidence of each outcome) or JSON (`{job, items}`: the job's counts
 * with `unconfirmed` always present, each item with its `evidence` when known).
 */
export function exportJob(summary: JobSummary, items: Iterable<JobItem>, format: ExportFormat): JobExport {
  const stamp = new Date(summary.createdAt).toISOString().slice(0, 10);
  const fileName = `fcom-job-${summary.id.slice(0, 8)}-${stamp}.${format}`;
  let count = 0;
  if (format === 'json') {
    const list: JobItem[] = [];
    for (const item of items) list.push(item);
    count = list.length;
    // Unconfirmed items are counted apart, always (a summary of an older host may leave the count out).
    const job = { ...summary, counts: { ...summary.counts, unconfirmed: summary.counts.unconfirmed ?? 0 } };
    return { format, fileName, items: count, content: `${JSON.stringify({ job, items: list }, null, 2)}\n` };
  }
  const lines = [CSV_COLUMNS.join(',')];
  for (const item of items) {
    lines.push(csvRow(item));
    count++;
  }
  return { format, fileName, items: count, content: `\uFEFF${lines.join('\r\n')}\r\n` };
}
