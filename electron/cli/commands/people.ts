import type { Command } from 'commander';
import type { IndexedTerminal, PeopleFindResult } from '../../../shared/domain/people-index.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../output.ts';
import { ageOf } from './index-age.ts';
import { parseDevices } from './removal.ts';

/** Words for an index's staleness. */
const STALENESS: Record<string, string> = {
  'never-read': 'never read: refresh it',
  'last-read-failed': 'STALE: the last read failed (shown as it was)',
  'too-old': 'TOO OLD: refresh it',
  offline: 'OFFLINE (shown as last read)',
};

function printIndex(context: CliContext, terminals: readonly IndexedTerminal[]): void {
  printTable(
    context.output,
    ['serial', 'name', 'kind', 'people', 'age', 'state'],
    terminals.map((t) => [
      t.serial,
      t.name,
      t.kind,
      String(t.people),
      ageOf(t.readAt),
      t.staleness ? `${STALENESS[t.staleness] ?? t.staleness}${t.lastError ? ` (${t.lastError})` : ''}` : 'fresh',
    ]),
  );
}

function printFound(context: CliContext, found: PeopleFindResult): void {
  for (const hit of found.hits) {
    context.output.out(`${hit.name}  [${hit.term}: ${hit.match}]`);
    for (const h of hit.holdings) {
      const extra =
        h.idKind === 'link_id' && h.uid
          ? ` (uid ${h.uid})`
          : h.faceIds.length > 0
            ? ` (${h.faceIds.length} face(s))`
            : '';
      context.output.out(`  ${h.serial} ${h.terminalName} (${h.kind}): ${h.idKind} ${h.id}${extra}`);
    }
  }
  if (found.notFound.length > 0) context.output.err(`Not on any terminal of the index: ${found.notFound.join(', ')}`);
  if (found.staleTerminals.length > 0) {
    context.output.err(
      `Index missing, stale or offline for ${found.staleTerminals.join(', ')}: people there may be unseen. Run "fcom people refresh".`,
    );
  }
  context.output.err(`Index age: ${ageOf(found.oldestReadAt)} (oldest terminal).`);
}

/** Registers `fcom people refresh|status|find`. */
export function registerPeopleCommands(program: Command, context: CliContext): void {
  const people = program
    .command('people')
    .description('the site people index: who is on which terminal, with each terminal’s own ids');
  people
    .command('refresh')
    .description(
      "read every trusted terminal's people list to its end (one page at a time per terminal, paced); a read that cannot reach the end keeps the previous index, marked stale; exit 1 when a terminal could not be read",
    )
    .option('--devices <list>', '"all" (the default) or serials separated by commas', 'all')
    .action(async (options: { devices: string }) => {
      const devices = parseDevices(options.devices);
      // Fresh online states first; the refresh refuses with SECRETS_LOCKED before it reads anything.
      await context.call('devices:check-all', {});
      const { results = [] } = await context.call('people:refresh', {
        ...(devices === 'all' ? {} : { serials: devices }),
        wait: true,
      });
      const status = await context.call('people:status', {});
      if (context.json()) context.output.out(JSON.stringify({ results, status }, null, 2));
      else printIndex(context, status.terminals);
      if (results.some((r) => !r.ok)) context.setExitCode(1);
    });
  people
    .command('status')
    .description('per terminal: people indexed, the age of its last complete read, whether it is stale')
    .action(async () => {
      const status = await context.call('people:status', {});
      if (context.json()) context.output.out(JSON.stringify(status, null, 2));
      else printIndex(context, status.terminals);
    });
  people
    .command('find')
    .argument('<query...>', 'a name (Chinese or pinyin), any id, or several separated by commas')
    .description(
      'find people across the site: per person every terminal holding them and with which id; exit 1 when nobody is found',
    )
    .option('--limit <n>', 'most people shown', '100')
    .action(async (query: string[], options: { limit: string }) => {
      const found = await context.call('people:find', {
        query: query.join(' '),
        limit: Math.max(1, Math.min(1000, Number(options.limit) || 100)),
      });
      if (context.json()) context.output.out(JSON.stringify(found, null, 2));
      else printFound(context, found);
      if (found.hits.length === 0) context.setExitCode(1);
    });
}
