import { Option, type Command } from 'commander';
import {
  IssueFilterSchema,
  ValidityFilterSchema,
  type CredentialIssue,
  type PermissionFilter,
  type PermissionRow,
} from '../../../shared/domain/permission-browser.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../output.ts';
import { followCloudJob } from './cloud-follow.ts';
import { splitList } from './cloud-removal.ts';
import { certificateOf } from './certificate-policy.ts';

/** The options of `fcom permissions list`. */
interface ListOptions {
  name?: string;
  mobile?: string;
  personCode?: string;
  organisation?: string;
  validity?: PermissionFilter['validity'];
  channels?: string;
  channelName?: string;
  deviceName?: string;
  face?: PermissionFilter['face'];
  card?: PermissionFilter['card'];
  fingerprint?: PermissionFilter['fingerprint'];
  page: string;
  pageSize: string;
  all?: boolean;
}

/** Rows per page when `--all` reads every page. */
const ALL_PAGE_SIZE = 100;

/** A whole number option within bounds, or a VALIDATION error naming it. */
function wholeNumber(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new AppError('VALIDATION', `${name} must be a whole number from ${min} to ${max}, not "${text}".`);
  }
  return value;
}

/** The browser filter of the command line's options. */
export function filterOfOptions(o: ListOptions): PermissionFilter {
  const channelIds = o.channels === undefined ? [] : splitList(o.channels);
  return {
    ...(o.name ? { name: o.name } : {}),
    ...(o.mobile ? { mobile: o.mobile } : {}),
    ...(o.personCode ? { personCode: o.personCode } : {}),
    ...(o.organisation ? { organisationId: o.organisation } : {}),
    ...(o.validity ? { validity: o.validity } : {}),
    ...(channelIds.length > 0 ? { channelIds } : {}),
    ...(o.channelName ? { channelName: o.channelName } : {}),
    ...(o.deviceName ? { deviceName: o.deviceName } : {}),
    ...(o.face ? { face: o.face } : {}),
    ...(o.card ? { card: o.card } : {}),
    ...(o.fingerprint ? { fingerprint: o.fingerprint } : {}),
  };
}

/** A credential's state as the table prints it ("none" when the person has none of the kind). */
function issueText(issue: CredentialIssue): string {
  return issue.total === 0 ? 'none' : issue.state;
}

/** A validity end as a date (UTC), "permanent" from 2050 on, or empty. */
function until(at: number | null): string {
  if (at === null) return '';
  return at >= Date.UTC(2050, 0, 1) ? 'permanent' : new Date(at).toISOString().slice(0, 10);
}

function printRows(context: CliContext, rows: readonly PermissionRow[]): void {
  printTable(
    context.output,
    ['permission', 'person', 'work number', 'channel', 'valid until', 'face', 'card', 'fingerprint'],
    rows.map((r) => [
      r.accessAuthId,
      r.name ?? '',
      r.personCode ?? '',
      r.channelName ?? r.channelId ?? '',
      until(r.validUntil),
      issueText(r.face),
      issueText(r.card),
      issueText(r.fingerprint),
    ]),
  );
}

const INCOMPLETE =
  'The Tuya cloud stopped answering rows before the total it stated: the list may be missing people. Run it again; if it persists, narrow the filters.';

/** `fcom permissions list`: one page, or with `--all` every page until the rows reach the cloud's total. */
async function list(context: CliContext, options: ListOptions): Promise<void> {
  const filter = filterOfOptions(options);
  const pageSize = options.all ? ALL_PAGE_SIZE : wholeNumber(options.pageSize, '--page-size', 1, 100);
  let page = options.all ? 1 : wholeNumber(options.page, '--page', 1, 100_000);
  const rows: PermissionRow[] = [];
  let total: number | null;
  let complete = true;
  for (;;) {
    const answer = await context.call('permissions:browse', { ...filter, page, pageSize });
    rows.push(...answer.rows);
    total = answer.total;
    complete &&= answer.complete;
    const more = total !== null && (page - 1) * pageSize + answer.rows.length < total;
    if (!options.all || !answer.complete || !more || answer.rows.length === 0) break;
    page += 1;
  }
  if (!complete) context.setExitCode(1);
  if (context.json()) return context.print({ rows, total, complete, ...(options.all ? {} : { page, pageSize }) });
  if (rows.length === 0) context.output.out('No permission matches these filters.');
  else printRows(context, rows);
  const shown = options.all
    ? `${rows.length}`
    : `rows ${(page - 1) * pageSize + 1}-${(page - 1) * pageSize + rows.length}`;
  context.output.out(`${shown} of ${total ?? 'an unstated number of'} permission(s).`);
  if (!complete) context.output.err(INCOMPLETE);
}

/** `fcom permissions show`: the person of a permission and every permission of theirs. */
async function show(context: CliContext, accessAuthId: string): Promise<void> {
  const person = await context.call('permissions:person', { accessAuthId });
  if (!person.complete) context.setExitCode(1);
  if (context.json()) return context.print(person);
  context.output.out(`Person ${person.name ?? ''} (${person.personId}), work number ${person.personCode ?? '-'}`);
  context.output.out(`Mobile ${person.mobile ?? '-'}; organisations ${person.organisations.join(', ') || '-'}`);
  const o = person.opened;
  context.output.out(
    `Permission ${accessAuthId} on ${o.channelName ?? '-'}: face ${issueText(o.face)}, card ${issueText(o.card)}, fingerprint ${issueText(o.fingerprint)}`,
  );
  printRows(context, person.permissions);
  if (!person.complete) context.output.err(INCOMPLETE);
}

/** Registers `fcom permissions list|show|repush` on the `permissions` command. */
export function registerPermissionBrowseCommands(permissions: Command, context: CliContext): void {
  const issue = (flag: string, what: string) =>
    new Option(`--${flag} <state>`, `only permissions whose ${what} is sent or to-be-sent`).choices(
      IssueFilterSchema.options,
    );
  permissions
    .command('list')
    .description('who may pass which channel, and whether their face, card and fingerprint were sent (from the cloud)')
    .option('--name <text>', 'part of the person’s name')
    .option('--mobile <text>', 'the mobile number (or part of it)')
    .option('--person-code <code>', 'the work number')
    .option('--organisation <id>', 'the organisation (structure) id')
    .addOption(new Option('--validity <v>', 'validity of the permission').choices(ValidityFilterSchema.options))
    .option('--channels <ids>', 'channel ids separated by commas')
    .option('--channel-name <text>', 'part of the channel’s name')
    .option('--device-name <text>', 'part of the access control device’s name')
    .addOption(issue('face', 'face'))
    .addOption(issue('card', 'card'))
    .addOption(issue('fingerprint', 'fingerprint'))
    .option('--page <n>', 'page to show (from 1)', '1')
    .option('--page-size <n>', 'permissions per page (1-100)', '50')
    .option('--all', 'every page, until the rows reach the total the cloud states', false)
    .action((options: ListOptions) => list(context, options));

  permissions
    .command('show <permission>')
    .description('the person of a permission (its id from `permissions list`) and every permission of theirs')
    .action((accessAuthId: string) => show(context, accessAuthId));

  permissions
    .command('repush <permission>')
    .description('push again, incrementally as a journaled job, the channels where this person’s face or card waits')
    .option('--certificate <policy>', '1 card, 2 card+face, 3 card+password, 4 card+password+face', '2')
    .action(async (accessAuthId: string, options: { certificate: string }) => {
      const certificate = certificateOf(options.certificate);
      const repush = await context.call('permissions:repush-person', { accessAuthId, certificate });
      if (repush.jobId === null) {
        if (context.json()) return context.print(repush);
        return context.output.out('Nothing to push: every credential of this person is confirmed sent.');
      }
      if (!context.json())
        context.output.err(`Push ${repush.jobId} started for ${repush.channelIds.length} channel(s).`);
      await followCloudJob(context, repush.jobId);
    });
}
