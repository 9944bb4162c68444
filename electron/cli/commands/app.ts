import { Option, type Command } from 'commander';
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
  settings
    .command('set')
    .description('change settings')
    .addOption(new Option('--language <lang>', 'user-interface language').choices(LanguageSchema.options))
    .option('--site-adapter <name...>', 'adapters that face the site LAN (repeat for several)')
    .action(async (options: { language?: 'en' | 'zh-CN'; siteAdapter?: string[] }) => {
      const patch: RequestOf<'settings:update'> = {};
      if (options.language) patch.language = options.language;
      if (options.siteAdapter) patch.siteAdapters = options.siteAdapter;
      if (Object.keys(patch).length === 0) {
        throw new AppError('VALIDATION', 'Nothing to change: pass --language or --site-adapter.');
      }
      context.print(await context.call('settings:update', patch));
    });
}
