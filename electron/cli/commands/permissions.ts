import { Option, type Command } from 'commander';
import { RecordStateSchema, type PushTasks, type RecordStateName } from '../../../shared/domain/permissions.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../output.ts';
import { followCloudJob } from './cloud-follow.ts';
import { splitList } from './cloud-removal.ts';
import { certificateOf } from './certificate-policy.ts';
import { registerPermissionBrowseCommands } from './permissions-browse.ts';

interface PushOptions {
  channels: string;
  mode: 'full' | 'increment';
  certificate: string;
  wait?: boolean;
}

interface RecordOptions {
  state?: RecordStateName;
  limit: string;
  offset: string;
}

/** The options of a push: `fcom permissions push` and `fcom push`. */
function addPushOptions(command: Command): Command {
  return command
    .requiredOption('--channels <ids>', '"all", or channel ids separated by commas')
    .addOption(
      new Option('--mode <mode>', 'full: every permission again; increment: what is still to send')
        .choices(['full', 'increment'])
        .default('increment'),
    )
    .option('--certificate <policy>', '1 card, 2 card+face, 3 card+password, 4 card+password+face', '2');
}

/** The record filter and paging options of `fcom permissions tasks --task` and `fcom tasks records`. */
function addRecordOptions(command: Command): Command {
  return command
    .addOption(new Option('--state <state>', 'only records in this state').choices(RecordStateSchema.options))
    .option('--limit <n>', 'records per page', '100')
    .option('--offset <n>', 'records to skip', '0');
}

/**
 * Starts a permission push; with `wait`, follows it to its end (exit 1 unless every channel was pushed) and prints
 * its tasks, else prints the job id and returns at once (the job stays journaled: `fcom jobs resume` goes on).
 */
export async function runPush(context: CliContext, options: PushOptions): Promise<void> {
  const certificate = certificateOf(options.certificate);
  const channelIds =
    options.channels.trim().toLowerCase() === 'all'
      ? (await context.call('permissions:channels', {})).map((c) => c.id)
      : splitList(options.channels);
  if (channelIds.length === 0)
    throw new AppError('VALIDATION', '--channels needs "all" or channel ids separated by commas.');
  const { jobId, channels } = await context.call('permissions:push', {
    channelIds,
    mode: options.mode,
    certificate,
  });
  if (!options.wait) {
    if (context.json()) return context.print({ jobId, channels, mode: options.mode, certificate });
    context.output.err(`Push ${jobId} started: ${channels} channel(s), ${options.mode}, ${certificate}.`);
    context.output.err(`Follow it: fcom tasks list ${jobId}, or fcom jobs resume ${jobId} to run it to the end.`);
    return context.output.out(jobId);
  }
  if (!context.json())
    context.output.err(`Push ${jobId} started: ${channels} channel(s), ${options.mode}, ${certificate}.`);
  await followCloudJob(context, jobId);
  if (!context.json()) printTasks(context, await context.call('permissions:tasks', { jobId }));
}

/** Prints the channels and tasks of a push (default: the newest). */
export async function listTasks(context: CliContext, jobId: string | undefined): Promise<void> {
  const view = await context.call('permissions:tasks', jobId === undefined ? {} : { jobId });
  if (context.json()) return context.print(view);
  printTasks(context, view);
}

/**
 * Prints one push task: `summary` its counts and per-credential breakdown, `records` one page of its per-person
 * records, `all` both (the JSON holds what is printed).
 */
export async function showTask(
  context: CliContext,
  taskId: string,
  options: RecordOptions,
  part: 'summary' | 'records' | 'all',
): Promise<void> {
  const detail = await context.call('permissions:task-detail', {
    taskId,
    ...(options.state ? { state: options.state } : {}),
    limit: Math.min(1000, Math.max(1, Number(options.limit) || 100)),
    offset: Math.max(0, Number(options.offset) || 0),
  });
  if (context.json()) {
    if (part !== 'summary') return context.print(detail);
    const { records: _records, matching: _matching, ...summary } = detail;
    return context.print(summary);
  }
  const t = detail.task;
  context.output.out(
    `Task ${t.taskId} on ${detail.channelName ?? detail.channelId}: ${t.state}, ${t.succeeded} sent, ${t.failed} failed of ${t.total}`,
  );
  if (part !== 'records' && detail.credentials) {
    const c = detail.credentials;
    const row = (name: string, n: typeof c.face): string[] => [
      name,
      String(n.issued),
      String(n.failed),
      String(n.deleted),
      String(n.deleteFailed),
    ];
    printTable(
      context.output,
      ['credential', 'sent', 'failed', 'deleted', 'delete failed'],
      [
        row('person', c.person),
        row('face', c.face),
        row('card', c.card),
        row('password', c.cardPassword),
        row('fingerprint', c.fingerprint),
      ],
    );
  }
  if (part === 'summary') return;
  printTable(
    context.output,
    ['record', 'person', 'name', 'state'],
    detail.records.map((r) => [r.recordId, r.personId ?? '', r.name ?? '', r.state]),
  );
  context.output.out(`${detail.records.length} of ${detail.matching} record(s).`);
}

/** Registers `fcom push` and `fcom tasks list|show|records`: the short names of the permission commands. */
export function registerPushCommands(program: Command, context: CliContext): void {
  addPushOptions(
    program
      .command('push')
      .description('start a Tuya permission push as a journaled job; --wait follows it to the end')
      .option('--wait', 'follow the job to its end; exit 0 only if every channel was pushed', false),
  ).action((options: PushOptions) => runPush(context, options));

  const tasks = program.command('tasks').description('the channels and cloud tasks of Tuya permission pushes');
  tasks
    .command('list [job]')
    .description('the channels and cloud tasks of a push (default: the newest)')
    .action((jobId: string | undefined) => listTasks(context, jobId));
  tasks
    .command('show <task>')
    .description('one cloud task: its counts and per-credential breakdown')
    .action((taskId: string) => showTask(context, taskId, { limit: '1', offset: '0' }, 'summary'));
  addRecordOptions(tasks.command('records <task>').description('one cloud task’s per-person records')).action(
    (taskId: string, options: RecordOptions) => showTask(context, taskId, options, 'records'),
  );
}

/** Registers `fcom permissions channels|push|tasks|retry-failed|list|show|repush`. */
export function registerPermissionCommands(program: Command, context: CliContext): void {
  const permissions = program.command('permissions').description('Tuya access permissions: channels, pushes, tasks');

  permissions
    .command('channels')
    .description('list the entrance and exit channels of the Tuya project')
    .action(async () => {
      const channels = await context.call('permissions:channels', {});
      if (context.json()) return context.print(channels);
      if (channels.length === 0) return context.output.out('No channels in the project.');
      printTable(
        context.output,
        ['id', 'name', 'device', 'position', 'online'],
        channels.map((c) => [
          c.id,
          c.name ?? '',
          c.deviceName ?? '',
          c.positionPath ?? '',
          c.online === null ? '?' : c.online ? 'yes' : 'NO',
        ]),
      );
    });

  addPushOptions(
    permissions
      .command('push')
      .description('push permissions to channels as a journaled job and follow its tasks to the end'),
  ).action((options: PushOptions) => runPush(context, { ...options, wait: true }));

  addRecordOptions(
    permissions
      .command('tasks [job]')
      .description('the channels and cloud tasks of a push (default: the newest), or one task’s per-person records')
      .option('--task <id>', 'print this task’s per-person records and per-credential breakdown'),
  ).action(async (jobId: string | undefined, options: RecordOptions & { task?: string }) => {
    if (options.task === undefined) return listTasks(context, jobId);
    await showTask(context, options.task, options, 'all');
  });

  permissions
    .command('retry-failed <job>')
    .description('push the failed channels of a push again, incrementally, as a new job')
    .action(async (jobId: string) => {
      const retry = await context.call('permissions:retry-failed', { jobId });
      if (retry.jobId === null)
        return context.print({ jobId: null, channelIds: [], note: 'No channel failed: nothing to push again.' });
      if (!context.json())
        context.output.err(`Push ${retry.jobId} started for ${retry.channelIds.length} failed channel(s).`);
      await followCloudJob(context, retry.jobId);
    });

  registerPermissionBrowseCommands(permissions, context);
}

/** Prints a push's channels, one row per task. */
function printTasks(context: CliContext, v: PushTasks): void {
  if (v.jobId === null) return context.output.out('No permission push yet.');
  context.output.out(`Push ${v.jobId}: ${v.mode}, ${v.certificate}`);
  printTable(
    context.output,
    ['channel', 'outcome', 'task', 'state', 'sent', 'failed', 'total', 'reason'],
    v.channels.flatMap((c) => {
      const tasks = c.tasks.length > 0 ? c.tasks : [null];
      return tasks.map((t) => [
        c.channelName ?? c.channelId,
        c.outcome ?? 'working',
        t?.taskId ?? '',
        t?.state ?? '',
        t ? String(t.succeeded) : '',
        t ? String(t.failed) : '',
        t ? String(t.total) : '',
        c.reason ?? '',
      ]);
    }),
  );
}
