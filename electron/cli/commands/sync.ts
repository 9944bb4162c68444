import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { ReportFormatSchema, type ReportFormat } from '../../../shared/domain/report.ts';
import { OPERATION_STATES, type OperationState, type SyncCounts } from '../../../shared/domain/sync.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';

/** "3 queued, 1 running, 40 done, 2 need attention, 1 discarded" */
export function describeSyncCounts(c: SyncCounts): string {
  return `${c.queued} queued, ${c.running} running, ${c.done} done, ${c['needs-attention']} need attention, ${c.discarded} discarded`;
}

const time = (ms: number | null): string =>
  ms === null ? '' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function parseTime(name: string, text: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new AppError('VALIDATION', `${name} must be a date (2026-05-01 or 2026-05-01T08:00:00Z), not "${text}".`);
  }
  return ms;
}

/** Prints the queue's counts and targets; exit code 1 while anything is queued or needs attention. */
async function printStatus(context: CliContext): Promise<void> {
  const status = await context.call('sync:status', {});
  if (status.counts.queued + status.counts['needs-attention'] > 0) context.setExitCode(1);
  if (context.json()) return context.print(status);
  const out = (text: string): void => context.output.out(text);
  out(`Sync queue: ${describeSyncCounts(status.counts)}`);
  for (const t of status.targets) {
    const state = t.reachable ? 'answers' : 'does not answer';
    out(`  ${t.name} (${t.target}, ${state}): ${t.queued} queued, ${t.needsAttention} need attention`);
  }
  for (const c of status.clouds) out(`  cloud ${c.cloud}: ${c.reachability}${c.error ? ` (${c.error})` : ''}`);
  if (status.counts['needs-attention'] > 0) {
    out('  See what needs attention: fcom sync list --state needs-attention');
    out('  Then: fcom sync retry ID (after fixing the cause), or fcom sync discard ID --yes');
  }
  if (status.counts.queued > 0) out('  Send queued work once its targets answer: fcom sync now');
}

/** Registers `fcom sync status|list|now|retry|discard` and `fcom report`. */
export function registerSyncCommands(program: Command, context: CliContext): void {
  const sync = program
    .command('sync')
    .description('the sync queue: operations waiting for their target, and those needing attention');

  sync
    .command('status')
    .description('counts per state, targets with work, cloud connectivity')
    .action(() => printStatus(context));

  sync
    .command('list')
    .description('the operations of the queue (queued first, then needing attention)')
    .addOption(new Option('--state <state>', 'only operations in this state').choices([...OPERATION_STATES]))
    .option('--target <serial>', 'only the operations of one target')
    .option('--limit <n>', 'operations per page', '50')
    .option('--offset <n>', 'operations to skip', '0')
    .action(async (options: { state?: OperationState; target?: string; limit: string; offset: string }) => {
      const page = await context.call('sync:list', {
        ...(options.state ? { state: options.state } : {}),
        ...(options.target ? { target: options.target } : {}),
        limit: Math.min(1000, Math.max(1, Number(options.limit) || 50)),
        offset: Math.max(0, Number(options.offset) || 0),
      });
      if (context.json()) return context.print(page);
      if (page.items.length === 0) return context.output.out('No operations match.');
      context.output.out(`${page.items.length} of ${page.matching}:`);
      for (const op of page.items) {
        const why = op.reason ?? op.reasonCode ?? '';
        const who = op.discardedBy ? ` discarded by ${op.discardedBy} at ${time(op.discardedAt)}` : '';
        context.output.out(
          `${op.id}  ${op.state}  ${op.targetName}  ${op.subject}  queued ${time(op.queuedAt) || '-'}  synced ${time(op.syncedAt) || '-'}${who}  ${why}`,
        );
      }
    });

  sync
    .command('now')
    .description('probe every terminal and cloud now, send the queued work of those that answer, and wait for it')
    .action(async () => {
      const result = await context.call('sync:now', {});
      if (!context.json()) {
        context.output.err(`Terminals: ${result.terminalsOnline} answer, ${result.terminalsOffline} do not.`);
      }
      await context.core().services.sync.whenIdle();
      await printStatus(context);
    });

  sync
    .command('retry <ids...>')
    .description('send operations that need attention again (fix the cause first, e.g. the credentials)')
    .action(async (ids: string[]) => {
      const { retried } = await context.call('sync:retry', { selection: { ids } });
      if (!context.json()) context.output.err(`${retried} operation(s) put back to work.`);
      await context.core().services.sync.whenIdle();
      await printStatus(context);
    });

  sync
    .command('discard <ids...>')
    .description('discard queued or needs-attention operations: never sent, kept in the history')
    .option('--yes', 'confirm the discard (required)', false)
    .action(async (ids: string[], options: { yes: boolean }) => {
      if (!options.yes) {
        throw new AppError(
          'VALIDATION',
          `Discarding cannot be undone: the operation(s) will never be sent. Add --yes to confirm: fcom sync discard ${ids.join(' ')} --yes`,
        );
      }
      context.print(await context.call('sync:discard', { selection: { ids }, confirm: true }));
    });

  program
    .command('report')
    .description('write the commissioning report of the site visit (printable HTML, or CSV)')
    .addOption(
      new Option('--format <format>', 'report format').choices(ReportFormatSchema.options).makeOptionMandatory(),
    )
    .requiredOption('--out <path>', 'file to write')
    .option('--since <date>', 'only jobs created from this date (the visit)')
    .option('--until <date>', 'only jobs created until this date')
    .action(async (options: { format: ReportFormat; out: string; since?: string; until?: string }) => {
      const report = await context.call('report:build', {
        format: options.format,
        ...(options.since ? { since: parseTime('--since', options.since) } : {}),
        ...(options.until ? { until: parseTime('--until', options.until) } : {}),
      });
      try {
        writeFileSync(options.out, report.content, 'utf8');
      } catch (error) {
        throw new AppError(
          'STORAGE',
          `The report cannot be written to ${options.out} (${(error as Error).message}). Choose another path.`,
        );
      }
      context.print({
        format: report.format,
        terminals: report.terminals,
        operations: report.operations,
        file: options.out,
      });
    });
}
