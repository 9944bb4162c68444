import { Option, type Command } from 'commander';
import { RemovalSettingsSchema, type RemovalSettings } from '../../../shared/domain/removal.ts';
import { LanguageSchema } from '../../../shared/domain/settings.ts';
import { AppError } from '../../../shared/errors.ts';
import type { RequestOf } from '../../../shared/ipc/types.ts';
import type { CliContext } from '../context.ts';

/** Registers `fcom version`, `status`, `adapters` and `settings get|set`. */
export function registerAppCommands(program: Command, context: CliContext): void {
  program
    .command('version')
    .description('print the app version, platform and data directory')
    .action(async () => context.print(await context.call('app:info', {})));

  program
    .command('status')
    .description('print the site adapters, cloud reachability and queued operations')
    .action(async () => context.print(await context.call('status:get', {})));

  program
    .command('adapters')
    .description('list the IPv4 network adapters of this computer')
    .action(async () => {
      const adapters = await context.call('network:adapters', {});
      if (context.json()) context.print(adapters);
      else
        for (const a of adapters)
          context.output.out(`${a.name}\t${a.cidr ?? a.address}${a.internal ? '\t(internal)' : ''}`);
    });

  const settings = program.command('settings').description('read or change settings');
  settings
    .command('get')
    .description('print every setting')
    .action(async () => context.print(await context.call('settings:get', {})));
  const set = settings
    .command('set')
    .description('change settings')
    .addOption(new Option('--language <lang>', 'user-interface language').choices(LanguageSchema.options))
    .option('--site-adapter <name...>', 'adapters that face the site LAN (repeat for several)');
  for (const [flag, , help] of REMOVAL_FLAGS) set.option(`${flag} <n>`, help);
  set.action(async (options: Record<string, string | string[] | undefined>) => {
    const patch: RequestOf<'settings:update'> = {};
    if (typeof options.language === 'string') patch.language = options.language as 'en' | 'zh-CN';
    if (Array.isArray(options.siteAdapter)) patch.siteAdapters = options.siteAdapter;
    const removal = removalPatch(options, (await context.call('settings:get', {})).removal ?? {});
    if (removal) patch.removal = removal;
    if (Object.keys(patch).length === 0) {
      throw new AppError('VALIDATION', 'Nothing to change: pass --language, --site-adapter or a removal setting.');
    }
    context.print(await context.call('settings:update', patch));
  });
}

/** Command-line flags of the removal engine's settings: flag, settings key, help. */
const REMOVAL_FLAGS = [
  ['--sophon-batch-size', 'sophonBatchSize', 'ids per Sophon delete request (default 50)'],
  ['--basip-batch-size', 'basipBatchSize', 'ids per BAS-IP delete request (default 50)'],
  ['--concurrency', 'concurrency', 'requests in flight over all terminals (default 8)'],
  ['--per-terminal', 'perTerminal', 'requests in flight per terminal (default 1)'],
  ['--max-attempts', 'maxAttempts', 'sends of an item before it fails (default 5)'],
  ['--request-timeout', 'requestTimeoutMs', 'per-request time-out in milliseconds (default 15000)'],
] as const;

/** The removal settings after applying the given flags to the current ones; undefined when none is given. */
function removalPatch(
  options: Record<string, string | string[] | undefined>,
  current: Partial<RemovalSettings>,
): Partial<RemovalSettings> | undefined {
  const patch: Partial<RemovalSettings> = { ...current };
  let changed = false;
  for (const [flag, key] of REMOVAL_FLAGS) {
    const name = flag.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    const text = options[name];
    if (typeof text !== 'string') continue;
    const checked = RemovalSettingsSchema.shape[key].safeParse(Number(text));
    if (!checked.success || text.trim() === '') {
      const why = checked.error?.issues[0]?.message ?? 'a whole number is needed';
      throw new AppError('VALIDATION', `${flag} ${text} is not accepted (${why}). Give a whole number in range.`);
    }
    patch[key] = checked.data;
    changed = true;
  }
  return changed ? patch : undefined;
}
