import { Option, type Command } from 'commander';
import { AliyunUserTypeSchema, type AliyunUserType } from '../../../shared/domain/cloud.ts';
import type { RemovalList } from '../../../shared/domain/people-import.ts';
import type { RemovalPlan } from '../../../shared/domain/removal.ts';
import type { DraftReadRequest, DraftSummary } from '../../../shared/domain/removal-draft.ts';
import { AppError } from '../../../shared/errors.ts';
import { readRegularFileBounded } from '../../core/files/read-bounded.ts';
import { emptyMessage, importPeopleFile, parsePastedIds } from '../../core/people-import/index.ts';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/domain/limits.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../output.ts';
import { ageOf } from './index-age.ts';
import { followJob } from '../job-follow.ts';
import { parseScopes, runCloudRemoval } from './cloud-removal.ts';

interface RemoveOptions {
  ids?: string;
  file?: string;
  column?: string;
  devices?: string;
  facesOnly?: boolean;
  dryRun?: boolean;
  verify?: boolean;
  cloud?: 'aliyun';
  scope?: string;
  userType?: AliyunUserType;
  match?: 'id' | 'name';
  confirmAmbiguous?: boolean;
  skipUnresolved?: boolean;
}

/**
 * `fcom remove --cloud aliyun --scope iot:ID,...`: the same as `fcom cloud-remove`; refused before anything is
 * sent when an option of the terminal removal is given or the scope is not valid.
 */
async function removeFromCloud(context: CliContext, options: RemoveOptions): Promise<void> {
  const terminalOnly = [
    ['--devices', options.devices !== undefined],
    ['--faces-only', options.facesOnly],
    ['--dry-run', options.dryRun],
    [options.verify === false ? '--no-verify' : '--verify', options.verify !== undefined],
  ].filter(([, given]) => given);
  if (terminalOnly.length > 0) {
    throw new AppError(
      'VALIDATION',
      `${terminalOnly.map(([name]) => name).join(', ')} ${terminalOnly.length === 1 ? 'applies' : 'apply'} to terminals, not to --cloud: name devices or spaces with --scope iot:ID,... or space:ID,...`,
    );
  }
  if (options.scope === undefined) {
    throw new AppError(
      'VALIDATION',
      '--cloud aliyun needs --scope iot:ID,ID,... (devices) or space:ID,ID,... (spaces).',
    );
  }
  const { scopeType, scopeIds } = parseScopes(options.scope);
  const { list, label } = readRemovalList(options);
  await runCloudRemoval(context, {
    list,
    label,
    ...(options.userType ? { userType: options.userType } : {}),
    scopeType,
    scopeIds,
  });
}

/** Refuses options that do not name one list: `--ids` or `--file`, `--column` only with a file, faces only from a file. */
function checkListOptions(options: RemoveOptions): void {
  if ((options.ids === undefined) === (options.file === undefined)) {
    throw new AppError(
      'VALIDATION',
      'Give the people to remove with either --ids ID,ID,... or --file PATH (not both).',
    );
  }
  if (options.column !== undefined && options.file === undefined) {
    throw new AppError('VALIDATION', '--column names a column of --file: give --file too, or leave --column out.');
  }
  if (options.ids !== undefined && options.facesOnly) {
    throw new AppError(
      'VALIDATION',
      '--faces-only needs the identity_id and the face_id of each face: give them in a --file with those columns.',
    );
  }
}

/** Reads the removal list from `--ids` or `--file` (CSV/TSV in UTF-8, UTF-16 or GBK). */
export function readRemovalList(options: RemoveOptions): { list: RemovalList; label: string } {
  checkListOptions(options);
  if (options.ids !== undefined) {
    return { list: parsePastedIds(options.ids), label: 'ids from the command line' };
  }
  const path = options.file as string;
  // A regular file of at most MAX_IMPORT_FILE_BYTES (never /dev/zero, a FIFO or a folder), the UI's limit too.
  const bytes = readRegularFileBounded(path, MAX_IMPORT_FILE_BYTES);
  const imported = importPeopleFile(bytes, {
    mode: options.facesOnly ? 'faces-only' : 'people',
    ...(options.column === undefined ? {} : { column: options.column }),
    // A list of people matched through the index may name a person by name alone.
    ...(options.match === undefined ? {} : { names: true }),
  });
  return { list: imported.list, label: path };
}

/**
 * The `removal:parse-input` request of `--ids` or `--file` (the same checks as {@link readRemovalList}): the list
 * is read into a draft in the core, as the app's wizard does; the file is read here, bounded, and sent as bytes.
 */
export function draftSourceOf(options: RemoveOptions): DraftReadRequest {
  checkListOptions(options);
  if (options.ids !== undefined) {
    return { source: { kind: 'paste', text: options.ids }, mode: 'people', label: 'ids from the command line' };
  }
  const path = options.file as string;
  // A regular file of at most MAX_IMPORT_FILE_BYTES (never /dev/zero, a FIFO or a folder), the UI's limit too.
  const bytes = readRegularFileBounded(path, MAX_IMPORT_FILE_BYTES);
  return {
    // The path names the list in job lists (its last 300 characters: the contract's bound).
    source: { kind: 'file', fileName: path.slice(-300), base64: Buffer.from(bytes).toString('base64') },
    mode: options.facesOnly ? 'faces-only' : 'people',
    ...(options.column === undefined ? {} : { column: options.column }),
    // A list of people matched through the index may name a person by name alone.
    ...(options.match === undefined ? {} : { names: true }),
  };
}

/** Refuses a draft nothing can be removed from: columns that do not fit, or no valid row. */
function requireUsable(draft: DraftSummary): void {
  const input = draft.input;
  if (input?.mappingProblem) throw new AppError('VALIDATION', input.mappingProblem, { reason: 'mapping' });
  if (!input || input.list.valid === 0) {
    throw new AppError('VALIDATION', emptyMessage(input?.list ?? { totalRows: 0, errors: [] }), {
      reason: 'no_valid_rows',
    });
  }
}

/** `all`, or serials separated by commas. */
export function parseDevices(text: string): 'all' | string[] {
  if (text.trim().toLowerCase() === 'all') return 'all';
  const serials = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (serials.length === 0) throw new AppError('VALIDATION', '--devices needs "all" or serials separated by commas.');
  return serials;
}

/** Prints the dry run (to stderr before a run: stdout then holds the job's outcome). */
function printPlan(context: CliContext, plan: RemovalPlan, toErr = false): void {
  if (context.json()) {
    if (!toErr) context.output.out(JSON.stringify(plan, null, 2));
    return;
  }
  const out = (text: string): void => (toErr ? context.output.err(text) : context.output.out(text));
  out(
    `Dry run (${plan.mode}): ${plan.totalItems} items on ${plan.terminals.length} terminal(s), about ${Math.ceil(plan.estimatedMs / 1000)} s`,
  );
  for (const t of plan.terminals) {
    const status = t.online ? 'online' : 'OFFLINE (items will wait, queued)';
    const extra = t.unplannable > 0 ? `, ${t.unplannable} without an id for this kind` : '';
    out(
      `  ${t.serial} (${t.kind}, ${t.address}) ${status}: ${t.items} items in ${t.requests} request(s)${extra}, ~${Math.ceil(t.estimatedMs / 1000)} s`,
    );
  }
  if (plan.terminals.some((t) => t.presence)) printPresence(context, plan, out);
  if (plan.offline.length > 0) out(`Offline: ${plan.offline.join(', ')}`);
  if (plan.skipped.length > 0) {
    out(`Skipped (unknown kind, not trusted, or in an identity conflict): ${plan.skipped.join(', ')}`);
  }
}

/** Words for why a person is unresolved. */
const UNRESOLVED: Record<string, string> = {
  'ambiguous-name': 'several people have this name there (confirm with --confirm-ambiguous to remove them all)',
  'no-usable-id': 'no id for that kind of terminal and no name',
  'index-unknown': 'the index of that terminal is missing, stale or offline (fcom people refresh)',
};

/** The dry run's presence table (a people list matched through the index) and the unresolved people. */
function printPresence(context: CliContext, plan: RemovalPlan, out: (text: string) => void): void {
  out('Presence of the list (from the people index):');
  printTable(
    { ...context.output, out },
    ['serial', 'kind', 'there', 'absent', 'unknown', 'index', 'requests', 'time'],
    plan.terminals.map((t) => [
      t.serial,
      t.kind,
      String(t.presence?.present ?? '-'),
      String(t.presence?.absent ?? '-'),
      String(t.presence?.unknown ?? '-'),
      t.presence?.staleness ?? (t.presence?.readAt ? `read ${ageOf(t.presence.readAt)} ago` : '-'),
      String(t.requests),
      `~${Math.ceil(t.estimatedMs / 1000)} s`,
    ]),
  );
  const unresolved = plan.unresolved ?? [];
  if (unresolved.length > 0) {
    out(`Unresolved (${unresolved.length}; nothing is sent for them there):`);
    for (const u of unresolved.slice(0, 50)) {
      out(`  line ${u.line} ${u.label} on ${u.serials.join(', ')}: ${UNRESOLVED[u.reason] ?? u.reason}`);
    }
    if (unresolved.length > 50) out(`  ... and ${unresolved.length - 50} more`);
  }
}

/** Tells (on stderr) which rows of the list were left out and why. */
function reportListProblems(
  context: CliContext,
  list: Pick<RemovalList, 'invalidRows' | 'duplicates' | 'errors'>,
): void {
  if (context.json() || (list.invalidRows === 0 && list.duplicates === 0)) return;
  if (list.invalidRows > 0) {
    context.output.err(`${list.invalidRows} row(s) of the list are not valid and are left out:`);
    for (const issue of list.errors.slice(0, 10)) context.output.err(`  line ${issue.line}: ${issue.message}`);
    if (list.errors.length > 10) context.output.err(`  ... and ${list.errors.length - 10} more`);
  }
  if (list.duplicates > 0) context.output.err(`${list.duplicates} duplicate row(s) are left out.`);
}

/** Registers `fcom remove`. */
export function registerRemovalCommands(program: Command, context: CliContext): void {
  program
    .command('remove')
    .description(
      'remove people (or single faces) from terminals as a journaled job, reading every terminal back afterwards; exit 0 only if every item ended removed or already absent (not failed, unconfirmed or queued)',
    )
    .option('--ids <ids>', 'ids separated by commas (each applied as the terminal’s own kind of id)')
    .option('--file <path>', 'a CSV/TSV list (UTF-8, UTF-16 or GBK)')
    .option('--column <name>', 'the id column of --file: header label or 1-based number')
    .option('--devices <list>', '"all", or serials separated by commas (required without --cloud)')
    .option('--faces-only', 'remove single faces (Sophon), keeping the people', false)
    .option('--dry-run', 'show the plan per terminal and the estimated time; send nothing', false)
    .option(
      '--verify',
      'read each terminal’s list back afterwards and confirm every removed item is gone (the default)',
    )
    .option('--no-verify', 'do not read the terminals back: outcomes rest on their answers alone')
    .addOption(
      new Option(
        '--match <how>',
        'the list is of people: resolve each on every terminal through the people index (fcom people refresh) by each vendor’s id column ("Sophon id", "BAS-IP link id"; a name where a row has none) or by exact name; terminals holding nobody of the list get no requests',
      ).choices(['id', 'name']),
    )
    .option(
      '--confirm-ambiguous',
      'with --match: a name several people share on a terminal removes them all there',
      false,
    )
    .option('--skip-unresolved', 'with --match: start although some people are unresolved (they are left out)', false)
    .addOption(new Option('--cloud <cloud>', 'remove faces from a cloud instead of terminals').choices(['aliyun']))
    .option('--scope <scopes>', 'with --cloud: iot:ID,ID,... (devices) or space:ID,ID,... (spaces)')
    .addOption(
      new Option('--user-type <type>', 'with --cloud: user system of the ids (default: the setting)').choices(
        AliyunUserTypeSchema.options,
      ),
    )
    .action(async (options: RemoveOptions, command: Command) => {
      if (options.cloud !== undefined) return removeFromCloud(context, options);
      if (options.scope !== undefined || options.userType !== undefined) {
        throw new AppError('VALIDATION', '--scope and --user-type go with --cloud aliyun.');
      }
      if (options.devices === undefined) command.error("error: required option '--devices <list>' not specified");
      // The list goes into a draft in the core (removal:parse-input), as the app's wizard does; nothing else crosses.
      const draft = await context.call('removal:parse-input', draftSourceOf(options));
      requireUsable(draft);
      if (draft.input) reportListProblems(context, draft.input.list);
      // Fresh online/offline states before planning: the inventory may be old.
      await context.call('devices:check-all', {});
      const reviewed = await context.call('removal:plan', {
        draftId: draft.draftId,
        devices: parseDevices(options.devices),
        // Read-back is on unless --no-verify (the request's default): an absent option leaves it on.
        ...(options.verify === undefined ? {} : { verify: options.verify }),
        ...(options.match === undefined
          ? {}
          : {
              match: options.match,
              confirmAmbiguous: options.confirmAmbiguous === true,
              skipUnresolved: options.skipUnresolved === true,
            }),
      });
      if (options.dryRun) {
        printPlan(context, reviewed);
        return;
      }
      printPlan(context, reviewed, true);
      // Exactly the plan just printed: CONFLICT (nothing sent) when the site changed in between.
      const { jobId, plan } = await context.call('removal:start', { planId: reviewed.planId });
      if (!context.json()) {
        const offline = plan.offline.length > 0 ? `; offline, items queued: ${plan.offline.join(', ')}` : '';
        context.output.err(
          `Job ${jobId} started: ${plan.totalItems} items on ${plan.terminals.length} terminal(s)${offline}`,
        );
      }
      await followJob(context, jobId);
    });
}
