import type { Terminal } from '../../../shared/domain/terminal.ts';
import { csvField } from '../jobs/export.ts';
import type { ReportOperation } from './collect.ts';
import { outcomeWords } from './outcome-words.ts';

/**
 * Columns of the CSV report: `record` says whether a row is a terminal found or an operation. `evidence` is the
 * stable code of what decided the outcome (answer, not-found, item-error, read-before, read-back, plan; empty
 * without evidence), `result` the outcome with it in English words ("removed (read back)", "unconfirmed").
 */
export const REPORT_CSV_COLUMNS = [
  'record',
  'operation_id',
  'job_id',
  'job_label',
  'source',
  'kind',
  'target_kind',
  'target',
  'target_name',
  'channel',
  'subject',
  'subject_name',
  'state',
  'outcome',
  'evidence',
  'result',
  'raw_code',
  'reason',
  'attempts',
  'queued_at',
  'synced_at',
  'updated_at',
  'discarded_by',
  'discarded_at',
  'drift',
  'terminal_kind',
  'terminal_model',
  'terminal_firmware',
  'terminal_address',
  'terminal_online',
  'terminal_last_seen',
  'terminal_people',
] as const;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function terminalRow(t: Terminal): string {
  const cells: Partial<Record<(typeof REPORT_CSV_COLUMNS)[number], string | number | boolean | null>> = {
    record: 'terminal',
    target_kind: 'terminal',
    target: t.serial,
    target_name: t.name,
    terminal_kind: t.kind,
    terminal_model: t.model,
    terminal_firmware: t.firmware,
    terminal_address: `${t.address}:${t.port}`,
    terminal_online: t.online,
    terminal_last_seen: iso(t.lastSeen),
    terminal_people: t.peopleCount,
  };
  return REPORT_CSV_COLUMNS.map((c) => csvField(cells[c] ?? null, true)).join(',');
}

/** The cells of an operation row: the columns from `record` to `drift`. */
function operationCells(op: ReportOperation): (string | number | null)[] {
  return [
    'operation',
    op.id,
    op.jobId,
    op.jobLabel,
    op.source,
    op.kind,
    op.targetKind,
    op.target,
    op.targetName,
    op.channel,
    op.subject,
    op.subjectName,
    op.state,
    op.outcome,
    op.evidence ?? null,
    op.outcome === null ? null : outcomeWords(op.outcome, op.evidence, op.targetKind, 'en'),
    op.rawCode,
    op.reason,
    op.attempts,
    iso(op.queuedAt),
    iso(op.syncedAt),
    iso(op.updatedAt),
    op.discardedBy,
    iso(op.discardedAt),
    op.drift,
  ];
}

function operationRow(op: ReportOperation): string {
  const cells = operationCells(op).map((value) => csvField(value, true));
  return cells.concat(Array.from({ length: REPORT_CSV_COLUMNS.length - cells.length }, () => '')).join(',');
}

/**
 * The commissioning report as CSV (UTF-8 with a byte-order mark, CRLF, formula-safe): one row per terminal
 * found (`record = terminal`), then one per operation (`record = operation`) with when it was queued and
 * synced. Answers the text and how many operations it holds.
 */
export function renderCsv(
  terminals: readonly Terminal[],
  operations: Iterable<ReportOperation>,
): { content: string; operations: number } {
  const lines = [REPORT_CSV_COLUMNS.join(',')];
  for (const t of terminals) lines.push(terminalRow(t));
  let count = 0;
  for (const op of operations) {
    lines.push(operationRow(op));
    count++;
  }
  return { content: `\uFEFF${lines.join('\r\n')}\r\n`, operations: count };
}
