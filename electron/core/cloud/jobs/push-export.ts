import type { CredentialCountsView } from '../../../../shared/domain/permissions.ts';
import type { ExportFormat, JobExport, JobSummary } from '../../../../shared/domain/removal.ts';
import { csvField } from '../../jobs/export.ts';
import type { PushJournal } from './push-journal.ts';
import type { PushTasks } from './push-tasks.ts';

/** Columns of a push report: one row per person record (a channel without records gets one row of its own). */
export const PUSH_CSV_COLUMNS = [
  'channel_id',
  'channel_name',
  'channel_outcome',
  'channel_raw_code',
  'channel_reason',
  'task_id',
  'task_state',
  'record_id',
  'person_id',
  'name',
  'record_state',
  'person_failed',
  'card_failed',
  'password_failed',
  'face_failed',
  'fingerprint_failed',
] as const;

const failures = (c: CredentialCountsView | undefined): number | null => (c ? c.failed + c.deleteFailed : null);

/**
 * The report of a permission-push job: CSV (UTF-8 with BOM, CRLF, formula-safe; one row per person and channel)
 * or JSON (`{job, channels: [{…, tasks: [{…, records}]}]}`).
 */
export function exportPush(
  summary: JobSummary,
  journal: PushJournal,
  tasks: PushTasks,
  format: ExportFormat,
): JobExport {
  const stamp = new Date(summary.createdAt).toISOString().slice(0, 10);
  const fileName = `fcom-push-${summary.id.slice(0, 8)}-${stamp}.${format}`;
  const channels = journal.channels(summary.id).map((channel) => ({
    channel,
    tasks: tasks.ofJob(summary.id, channel.channelId).map((task) => ({
      task,
      records: tasks.records(task.taskId, undefined, 0, 10_000_000).records,
    })),
  }));
  let rows = 0;
  if (format === 'json') {
    const content = JSON.stringify(
      {
        job: summary,
        channels: channels.map(({ channel, tasks: list }) => ({
          ...channel,
          tasks: list.map(({ task, records }) => {
            rows += records.length;
            return { ...task, records };
          }),
        })),
      },
      null,
      2,
    );
    return { format, fileName, items: rows, content: `${content}\n` };
  }
  const lines = [PUSH_CSV_COLUMNS.join(',')];
  for (const { channel, tasks: list } of channels) {
    const head = [
      csvField(channel.channelId, true),
      csvField(channel.channelName, true),
      csvField(channel.outcome ?? 'pending'),
      csvField(channel.rawCode, true),
      csvField(channel.reason, true),
    ];
    const records = list.flatMap(({ task, records: rs }) => rs.map((r) => ({ task, r })));
    if (records.length === 0) {
      lines.push([...head, ...Array<string>(PUSH_CSV_COLUMNS.length - head.length).fill('')].join(','));
      rows++;
      continue;
    }
    for (const { task, r } of records) {
      const b = r.breakdown ?? undefined;
      lines.push(
        [
          ...head,
          csvField(task.taskId, true),
          csvField(task.state),
          csvField(r.recordId, true),
          csvField(r.personId, true),
          csvField(r.name, true),
          csvField(r.state),
          csvField(failures(b?.person)),
          csvField(failures(b?.card)),
          csvField(failures(b?.cardPassword)),
          csvField(failures(b?.face)),
          csvField(failures(b?.fingerprint)),
        ].join(','),
      );
      rows++;
    }
  }
  return { format, fileName, items: rows, content: `\uFEFF${lines.join('\r\n')}\r\n` };
}
