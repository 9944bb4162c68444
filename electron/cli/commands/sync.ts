import { Option, type Command } from 'commander';
import { ReportFormatSchema, ReportRequestSchema, type ReportFormat } from '../../../shared/domain/report.ts';
import {
  OPERATION_STATES,
  type OperationState,
  type SyncCounts,
  type SyncStatus,
} from '../../../shared/domain/sync.ts';
import { AppError } from '../../../shared/errors.ts';
import { writeFileDurably } from '../../core/files/durable-write.ts';
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

/**
 * Prints the queue's counts and targets; exit code 1 while anything is queued or needs attention. `compact`: one
 * JSON line (for `--watch --json`, one status a line).
 */
async function printStatus(context: CliContext, compact = false): Promise<SyncStatus> {
  const status = await context.call('sync:status', {});
  context.setExitCode(status.counts.queued + status.counts['needs-attention'] > 0 ? 1 : 0);
  if (context.json()) {
    if (compact) context.output.out(JSON.stringify(status));
    else context.print(status);
    return status;
  }
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
  return status;
}

interface ListOptions {
  state?: OperationState;
  target?: string;
  limit: string;
  offset: string;
}

/** The options of `fcom sync list` and `fcom queue list`. */
function addListOptions(command: Command): Command {
  return command
    .addOption(new Option('--state <state>', 'only operations in this state').choices([...OPERATION_STATES]))
    .option('--target <serial>', 'only the operations of one target')
    .option('--limit <n>', 'operations per page', '50')
    .option('--offset <n>', 'operations to skip', '0');
}

/** Prints one page of the sync queue. */
async function listQueue(context: CliContext, options: ListOptions): Promise<void> {
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
    // Unconfirmed: sent, but nothing confirms the outcome (needs attention, and not a failure).
    const state = op.outcome === 'unconfirmed' ? `${op.state} (unconfirmed)` : op.state;
    context.output.out(
      `${op.id}  ${state}  ${op.targetName}  ${op.subject}  queued ${time(op.queuedAt) || '-'}  synced ${time(op.syncedAt) || '-'}${who}  ${why}`,
    );
  }
}

/** One `sync now`: probe, send what waits, wait for it, print the status. */
async function syncOnce(context: CliContext, compact: boolean): Promise<SyncStatus> {
  const result = await context.call('sync:now', {});
  if (!context.json()) {
    context.output.err(`Terminals: ${result.terminalsOnline} answer, ${result.terminalsOffline} do not.`);
  }
  await context.call('sync:wait', {});
  return printStatus(context, compact);
}

/**
 * `fcom sync now`, or with `watch` again every `intervalMs` until nothing is queued or running (or Ctrl-C); with
 * `--json` and `watch`, one status a line.
 */
async function syncNow(context: CliContext, options: { watch?: boolean; interval?: string }): Promise<void> {
  if (!options.watch) {
    await syncOnce(context, false);
    return;
  }
  const seconds = Number(options.interval ?? '5');
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) {
    throw new AppError('VALIDATION', `--interval must be seconds from 0.1 to 3600, not "${options.interval}".`);
  }
  let stopped = false;
  let wake = (): void => {};
  const stop = (): void => {
    stopped = true;
    wake();
  };
  process.once('SIGINT', stop);
  try {
    for (;;) {
      const status = await syncOnce(context, true);
      if (stopped || status.counts.queued + status.counts.running === 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, seconds * 1000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopped) return;
    }
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

/** The options of `fcom report`. */
interface ReportOptions {
  format: ReportFormat;
  out: string;
  since?: string;
  until?: string;
  technician?: string;
  customer?: string;
}

/** A sign-off name of `fcom report` (`--technician`, `--customer`), checked here so the error names the option. */
function signOffName(option: '--technician' | '--customer', text: string): string {
  const parsed = ReportRequestSchema.shape.technician.safeParse(text);
  if (!parsed.success || parsed.data === undefined) {
    throw new AppError(
      'VALIDATION',
      `${option} must be one line of at most 120 characters (the name printed in the sign-off block): fcom report --format html --out FILE ${option} "Name".`,
    );
  }
  return parsed.data;
}

/** Registers `fcom sync [status|list|now|retry|discard]`, `fcom queue list` and `fcom report`. */
export function registerSyncCommands(program: Command, context: CliContext): void {
  const sync = program
    .command('sync')
    .description('the sync queue: operations waiting for their target, and those needing attention');

  sync
    .command('status')
    .description('counts per state, targets with work, cloud connectivity')
    .action(async () => {
      await printStatus(context);
    });

  addListOptions(
    sync.command('list').description('the operations of the queue (queued first, then needing attention)'),
  ).action((options: ListOptions) => listQueue(context, options));

  sync
    .command('now', { isDefault: true })
    .description(
      'probe every terminal and cloud now, send the queued work of those that answer, and wait for it (the default)',
    )
    .option('--watch', 'repeat until nothing is queued or running (or Ctrl-C)', false)
    .option('--interval <seconds>', 'with --watch: seconds between rounds', '5')
    .action((options: { watch?: boolean; interval?: string }) => syncNow(context, options));

  const queue = program.command('queue').description('the sync queue (the same as fcom sync list)');
  addListOptions(queue.command('list').description('the operations of the queue (= fcom sync list)')).action(
    (options: ListOptions) => listQueue(context, options),
  );

  sync
    .command('retry <ids...>')
    .description('send operations that need attention again (fix the cause first, e.g. the credentials)')
    .action(async (ids: string[]) => {
      const { retried } = await context.call('sync:retry', { selection: { ids } });
      if (!context.json()) context.output.err(`${retried} operation(s) put back to work.`);
      await context.call('sync:wait', {});
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
    .option('--technician <name>', "the technician's name, printed in the sign-off block (HTML)")
    .option('--customer <name>', "the customer representative's name, printed in the sign-off block (HTML)")
    .action(async (options: ReportOptions) => {
      const report = await context.call('report:build', {
        format: options.format,
        ...(options.since ? { since: parseTime('--since', options.since) } : {}),
        ...(options.until ? { until: parseTime('--until', options.until) } : {}),
        ...(options.technician ? { technician: signOffName('--technician', options.technician) } : {}),
        ...(options.customer ? { customer: signOffName('--customer', options.customer) } : {}),
      });
      // Written durably (temporary file, fsync, rename, fsync the folder): a power cut leaves the old file or the
      // whole new one; a full disk says how much is free (STORAGE, details.fault/freeMb).
      await writeFileDurably(options.out, report.content);
      context.print({
        format: report.format,
        terminals: report.terminals,
        operations: report.operations,
        file: options.out,
      });
    });
}
