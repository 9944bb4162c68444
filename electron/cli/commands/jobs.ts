import { Option, type Command } from 'commander';
import { ItemFilterSchema, type ItemFilter, type JobItem, type JobSummary } from '../../../shared/domain/removal.ts';
import { AppError } from '../../../shared/errors.ts';
import { writeFileDurably } from '../../core/files/durable-write.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../output.ts';
import { itemEvidenceWords } from '../../core/report/outcome-words.ts';
import { describeCounts, followJob, printJobSummary } from '../job-follow.ts';
import { resolveJobId } from '../job-id.ts';

/** Headers of `fcom jobs list` (one per cell of {@link summaryRow}). */
export const JOB_LIST_HEADERS = [
  'id',
  'state',
  'created',
  'items',
  'removed',
  'absent',
  'failed',
  'unconfirmed',
  'queued',
  'other',
  'list',
] as const;

/** Headers of the items of `fcom jobs show` (one per cell of {@link itemRow}). */
export const JOB_ITEM_HEADERS = ['terminal', 'id', 'outcome', 'evidence', 'raw', 'tries', 'reason'] as const;

/**
 * One item of `fcom jobs show`: its outcome and, beside it, what decided it in words ("terminal confirmed",
 * "read back", "read before sending"; empty without evidence, as for an unconfirmed item).
 */
export function itemRow(item: JobItem, cloud: boolean): string[] {
  return [
    item.terminal,
    item.faceId ? `${item.nativeId}/${item.faceId}` : item.nativeId,
    item.outcome ?? 'pending',
    itemEvidenceWords(item, cloud ? 'cloud' : 'terminal', 'en'),
    item.rawCode ?? '',
    String(item.attempts),
    item.reason ?? '',
  ];
}

/** One job of `fcom jobs list`: its counts per outcome, unconfirmed apart from removed and failed. */
export function summaryRow(job: JobSummary): string[] {
  const c = job.counts;
  return [
    job.id,
    job.state,
    new Date(job.createdAt).toISOString().slice(0, 19).replace('T', ' '),
    String(job.total),
    String(c.removed),
    String(c['already-absent']),
    String(c.failed),
    String(c.unconfirmed ?? 0),
    String(c.queued),
    String(c.cancelled + c.pending),
    job.label ?? '',
  ];
}

function positiveInt(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new AppError('VALIDATION', `${name} must be a whole number from 0 to ${max}, not "${text}".`);
  }
  return value;
}

/**
 * Registers `fcom jobs list|show|pause|resume|cancel|retry-failed|export`. Every `<job>` may be a unique prefix
 * of the id (at least 4 characters), like the short id the CLI prints while it follows a job.
 */
export function registerJobCommands(program: Command, context: CliContext): void {
  const jobs = program.command('jobs').description('journaled bulk jobs: list, inspect, resume, retry, export');

  jobs
    .command('list')
    .description('list the jobs, newest first, with counts per outcome (unconfirmed apart)')
    .action(async () => {
      const list = await context.call('jobs:list', {});
      if (context.json()) return context.print(list);
      if (list.length === 0) return context.output.out('No jobs.');
      printTable(context.output, JOB_LIST_HEADERS, list.map(summaryRow));
    });

  jobs
    .command('show <job>')
    .description('a job’s counts per terminal and its items (paged), each outcome with the evidence that decided it')
    .addOption(new Option('--outcome <outcome>', 'only items with this outcome').choices(ItemFilterSchema.options))
    .option('--terminal <serial>', 'only the items of one terminal')
    .option('--limit <n>', 'items per page', '50')
    .option('--offset <n>', 'items to skip', '0')
    .action(
      async (job: string, options: { outcome?: ItemFilter; terminal?: string; limit: string; offset: string }) => {
        const jobId = await resolveJobId(context, job);
        const detail = await context.call('jobs:show', {
          jobId,
          ...(options.outcome ? { outcome: options.outcome } : {}),
          ...(options.terminal ? { terminal: options.terminal } : {}),
          limit: Math.max(1, positiveInt('--limit', options.limit, 1000)),
          offset: positiveInt('--offset', options.offset, 10_000_000),
        });
        if (context.json()) return context.print(detail);
        printJobSummary(context, detail.job);
        context.setExitCode(0);
        for (const t of detail.terminals) context.output.out(`  ${t.serial} (${t.kind}): ${describeCounts(t.counts)}`);
        const first = Number(options.offset) + 1;
        if (detail.items.length === 0) {
          return context.output.out(detail.matching === 0 ? 'No items match.' : `No items past ${detail.matching}.`);
        }
        context.output.out(`Items ${first}-${first + detail.items.length - 1} of ${detail.matching}:`);
        const cloud = detail.job.kind === 'aliyun-removal';
        printTable(
          context.output,
          JOB_ITEM_HEADERS,
          detail.items.map((i) => itemRow(i, cloud)),
        );
      },
    );

  jobs
    .command('resume <job>')
    .description('resume a paused or interrupted job in the foreground (unanswered requests are re-checked first)')
    .action(async (job: string) => {
      const jobId = await resolveJobId(context, job);
      await context.call('devices:check-all', {});
      await context.call('jobs:resume', { jobId });
      await followJob(context, jobId);
    });

  jobs
    .command('retry-failed <job>')
    .description(
      'send the failed items of a job again and settle its unconfirmed ones (their terminal is read first), in the foreground',
    )
    .action(async (job: string) => {
      const jobId = await resolveJobId(context, job);
      await context.call('devices:check-all', {});
      const { retried } = await context.call('jobs:retry-failed', { jobId });
      if (!context.json()) context.output.err(`${retried} failed or unconfirmed item(s) put back.`);
      await followJob(context, jobId);
    });

  jobs
    .command('pause <job>')
    .description('pause a running job (no new request starts)')
    .action(async (job: string) => {
      const jobId = await resolveJobId(context, job);
      context.print(await context.call('jobs:pause', { jobId }));
    });

  jobs
    .command('cancel <job>')
    .description('cancel a job: its items not sent yet become cancelled')
    .action(async (job: string) => {
      const jobId = await resolveJobId(context, job);
      const { cancelled } = await context.call('jobs:cancel', { jobId });
      if (!cancelled)
        throw new AppError('CONFLICT', `Job ${jobId} is not running, paused or waiting: nothing to cancel.`);
      context.print(await context.call('jobs:wait', { jobId }));
    });

  jobs
    .command('export <job>')
    .description('write a job’s report, one row per item')
    .addOption(new Option('--format <format>', 'report format').choices(['csv', 'json']).makeOptionMandatory())
    .requiredOption('--out <path>', 'file to write')
    .action(async (job: string, options: { format: 'csv' | 'json'; out: string }) => {
      const jobId = await resolveJobId(context, job);
      const report = await context.call('jobs:export', { jobId, format: options.format });
      // Written durably (temporary file, fsync, rename, fsync the folder): a power cut leaves the old file or the
      // whole new one; a full disk says how much is free (STORAGE, details.fault/freeMb).
      await writeFileDurably(options.out, report.content);
      context.print({ jobId, format: report.format, items: report.items, file: options.out });
    });
}
