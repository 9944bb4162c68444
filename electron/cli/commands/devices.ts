import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { IdentificationRecord, ProbeAttempt, Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import { capabilitiesOf, isApiV0, removalWords } from '../../../shared/domain/capabilities.ts';
import { writeFileDurably } from '../../core/files/durable-write.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../output.ts';

/** Columns printed for a terminal, in order. */
const COLUMNS = ['serial', 'kind', 'model', 'firmware', 'address', 'port', 'status', 'trust', 'capabilities'] as const;

/** The record `fcom discover` and `fcom devices list` print per terminal. */
export function terminalRecord(t: Terminal): Record<(typeof COLUMNS)[number], string | number | null> & {
  name: string;
  /** The technician's location label (`fcom devices label`), or null. */
  label: string | null;
  credentials: string;
  people: number | null;
  lastSeen: number | null;
  mac: string | null;
  identification?: IdentificationRecord;
} {
  return {
    serial: t.serial,
    kind: t.kind,
    model: t.model,
    firmware: t.firmware,
    address: t.address,
    port: t.port,
    status: t.online ? 'online' : 'offline',
    trust: trustText(t),
    capabilities: capabilityText(t),
    /** The MAC pinned when it was trusted, where the neighbour table knew it. */
    mac: t.pin?.mac ?? null,
    name: t.name,
    label: t.label ?? null,
    credentials: t.credentials,
    people: t.peopleCount,
    lastSeen: t.lastSeen,
    ...(t.identification ? { identification: t.identification } : {}),
  };
}

/**
 * What a terminal can remove by, in words (from its kind and API level, never its credentials):
 * `remove: id, faces` (Sophon), `remove: link, uid` (BAS-IP v1), `firmware too old (API v0)`, or `nothing`
 * for a device of unknown kind.
 */
export function capabilityText(t: Pick<Terminal, 'kind' | 'apiVersion'>): string {
  if (isApiV0(t)) return 'firmware too old (API v0)';
  const words = removalWords(capabilitiesOf(t));
  return words.length === 0 ? 'nothing' : `remove: ${words.join(', ')}`;
}

/**
 * The trust state in words: `trusted`, `untrusted`, or `conflict (claimed at A:P)` / `conflict (A:P is
 * SERIAL)` naming the device that contradicts the pinned identity.
 */
export function trustText(t: Terminal): string {
  const trust = t.trust ?? 'untrusted';
  if (trust !== 'conflict' || !t.conflict) return trust;
  const where = `${t.conflict.address}:${t.conflict.port}`;
  if (t.conflict.reason === 'serial-elsewhere') return `conflict (claimed at ${where})`;
  if (t.conflict.reason === 'mac-changed') return `conflict (${where} answers from MAC ${t.conflict.mac ?? '?'})`;
  return `conflict (${where} is ${t.conflict.serial ?? `a ${t.conflict.kind} device`})`;
}

/** One probe attempt as a line: kind and port, request, then status, content type and excerpt or the failure. */
export function attemptLine(attempt: ProbeAttempt): string {
  const who = `${attempt.kind ?? 'http'}:${attempt.port}`;
  const request = `${attempt.request}${attempt.authenticated ? ' (with credentials)' : ''}`;
  if (attempt.status === null) return `${who}  ${request} → no answer (${attempt.failure ?? 'other'})`;
  const answer = [String(attempt.status), attempt.contentType ?? '', attempt.excerpt].filter((p) => p !== '');
  return `${who}  ${request} → ${answer.join('  ')}`;
}

/** The lines that say what was tried to identify a device that stayed unknown (none when nothing was kept). */
export function identificationLines(record: IdentificationRecord | undefined): string[] {
  if (!record) return [];
  const chosen = record.chosenKind ? ` as ${record.chosenKind}` : '';
  return [
    `What was tried${chosen} (${new Date(record.at).toISOString()}):`,
    ...record.attempts.map((a) => `  ${attemptLine(a)}`),
  ];
}

/**
 * The password of `--password`: given as `-`, the first line of the standard input (its line ending cut,
 * nothing else: spaces can be part of a password), so it never shows in `ps` or the shell history.
 */
export function passwordOption(
  value: string | undefined,
  readStdin: () => string = () => readFileSync(0, 'utf8'),
): string | undefined {
  if (value !== '-') return value;
  const line = readStdin().split(/\r?\n/)[0] ?? '';
  if (line === '')
    throw new AppError('VALIDATION', 'No password on the standard input: pipe it in, one line, with --password -.');
  return line;
}

/** Prints terminals as JSON or as an aligned table. */
export function printTerminals(context: CliContext, terminals: Terminal[]): void {
  const records = terminals.map(terminalRecord);
  if (context.json()) {
    context.output.out(JSON.stringify(records, null, 2));
    return;
  }
  if (records.length === 0) {
    context.output.out('No terminals.');
    return;
  }
  printTable(
    context.output,
    COLUMNS,
    records.map((r) => COLUMNS.map((c) => String(r[c] ?? '-'))),
  );
  if (terminals.length === 1) identificationLines(terminals[0]?.identification).forEach((l) => context.output.out(l));
}

/** Prints one terminal in full: every fact, and what was tried when it stayed unknown. */
export function printTerminal(context: CliContext, t: Terminal): void {
  const facts = {
    ...terminalRecord(t),
    apiVersion: t.apiVersion,
    capacity: t.capacity,
    source: t.source,
    adapter: t.adapter,
    identification: t.identification ?? null,
  };
  if (context.json()) {
    context.output.out(JSON.stringify(facts, null, 2));
    return;
  }
  const { identification: _record, ...plain } = facts;
  for (const [key, value] of Object.entries(plain)) context.output.out(`${key}: ${value ?? '-'}`);
  if (t.kind === 'unknown' && !t.identification) context.output.out('What was tried: not recorded.');
  identificationLines(t.identification).forEach((line) => context.output.out(line));
}

/** Registers `fcom discover` and `fcom devices add|list|show|trust|forget|check|sweep`. */
export function registerDeviceCommands(program: Command, context: CliContext): void {
  program
    .command('discover')
    .description('find terminals on the site LAN by mDNS and print one record per terminal')
    .option('--interface <name...>', 'adapter(s) to browse on (default: every non-internal IPv4 adapter)')
    .option('--timeout <seconds>', 'how long to listen', '3')
    .action(async (options: { interface?: string[]; timeout: string }) => {
      const seconds = Number(options.timeout);
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
        throw new AppError(
          'VALIDATION',
          `--timeout must be a number of seconds from 0 to 600, not "${options.timeout}".`,
        );
      }
      const started = Date.now();
      await context.call('discovery:start', options.interface ? { adapters: options.interface } : {});
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      await context.call('discovery:stop', {});
      await context.call('discovery:settle', {});
      const seen = (await context.call('devices:list', {})).filter((t) => (t.lastSeen ?? 0) >= started);
      printTerminals(context, seen);
    });

  const devices = program.command('devices').description('the site inventory of terminals');
  devices
    .command('list')
    .description('print every terminal in the inventory')
    .action(async () => printTerminals(context, await context.call('devices:list', {})));
  devices
    .command('add <address>')
    .description('add a terminal by IP, IP:port or URL, detecting its kind (or verifying --kind with a login)')
    .addOption(new Option('--kind <kind>', 'the kind, when detection should not guess').choices(['sophon', 'basip']))
    .option('--username <name>', 'username of the terminal’s local API')
    .option('--password <password>', 'password of the terminal’s local API ("-" reads it from stdin)')
    .action(async (address: string, options: { kind?: 'sophon' | 'basip'; username?: string; password?: string }) => {
      if ((options.username === undefined) !== (options.password === undefined)) {
        throw new AppError('VALIDATION', 'Give both --username and --password, or neither.');
      }
      const password = passwordOption(options.password);
      const credentials =
        options.username !== undefined ? { username: options.username, password: password ?? '' } : undefined;
      const terminal = await context.call('devices:add', {
        address,
        ...(options.kind ? { kind: options.kind } : {}),
        ...(credentials ? { credentials } : {}),
      });
      if (terminal.trust === 'conflict' && terminal.conflict) {
        const claimant = `${terminal.conflict.address}:${terminal.conflict.port}`;
        throw new AppError(
          'CONFLICT',
          `Not added: the device at ${claimant} contradicts ${terminal.serial}, trusted at ${terminal.address}:${terminal.port}; ` +
            `nothing was sent to it. If the terminal really moved, run "fcom devices trust ${terminal.serial} --address ${claimant}"; ` +
            `otherwise keep it where it is with "fcom devices trust ${terminal.serial}".`,
          { serial: terminal.serial, conflict: terminal.conflict },
        );
      }
      printTerminals(context, [terminal]);
    });
  devices
    .command('show <serial>')
    .description('print one terminal in full; for a device that stayed unknown, what was tried and answered')
    .action(async (serial: string) => {
      const terminal = (await context.call('devices:list', {})).find((t) => t.serial === serial);
      if (!terminal) throw new AppError('NOT_FOUND', `No terminal with serial ${serial} is in the inventory.`);
      printTerminal(context, terminal);
    });
  devices
    .command('trust <serials...>')
    .description(
      'trust terminals: pin their identity where they are and send them stored credentials from now on ' +
        '(--address moves one terminal in conflict to where its claimant answered)',
    )
    .option('--address <address>', 'the claimant’s address (IP or IP:port) to move the terminal to')
    .action(async (serials: string[], options: { address?: string }) => {
      const trusted = await context.call('devices:trust', {
        serials,
        ...(options.address ? { address: options.address } : {}),
      });
      printTerminals(context, trusted);
    });
  devices
    .command('forget <serial>')
    .description('remove a terminal from the inventory')
    .action(async (serial: string) => {
      const { forgotten } = await context.call('devices:forget', { serial });
      if (!forgotten) throw new AppError('NOT_FOUND', `No terminal with serial ${serial} is in the inventory.`);
      context.print({ forgotten: serial });
    });
  devices
    .command('label <serial> <label>')
    .description('set a terminal’s location label, shown instead of its advertised name ("" clears it)')
    .action(async (serial: string, label: string) => {
      const terminal = await context.call('devices:set-label', { serial, label });
      context.print({ serial: terminal.serial, label: terminal.label ?? null, name: terminal.name });
    });
  devices
    .command('export')
    .description('write the terminal list (all, or the serials given) as CSV or an Excel workbook')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).makeOptionMandatory())
    .requiredOption('--out <path>', 'file to write')
    .option('--serials <serials>', 'only these terminals, comma-separated')
    .action(async (options: { format: 'csv' | 'xlsx'; out: string; serials?: string }) => {
      const serials = options.serials
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const file = await context.call('devices:export', {
        format: options.format,
        ...(serials && serials.length > 0 ? { serials } : {}),
      });
      // Durable (temporary file, fsync, rename): a power cut leaves the old file or the whole new one.
      await writeFileDurably(
        options.out,
        file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content,
      );
      context.print({ format: options.format, rows: file.rows, file: options.out });
    });
  devices
    .command('check')
    .description('probe every terminal in the inventory now and print its health')
    .action(async () => {
      printTerminals(context, await context.call('devices:check-all', {}));
    });
  devices
    .command('sweep <cidr>')
    .description('probe every address of a subnet (at most /22) for terminals')
    .action(async (cidr: string) => {
      const { terminals = [] } = await context.call('discovery:sweep', { cidr, wait: true });
      printTerminals(context, terminals);
    });
}
