import { Command, CommanderError, Option } from 'commander';
import { AppError, toErrorPayload } from '../../shared/errors.ts';
import { LanguageSchema } from '../../shared/domain/settings.ts';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/types.ts';
import { createCore, type Core } from '../core/compose.ts';
import { resolveDataDir } from '../core/data-dir.ts';
import { dispatch } from '../core/ipc/dispatch.ts';
import { APP_VERSION } from '../core/app-info.ts';
import { formatError, printData, processOutput, type Output } from './output.ts';

/** Exit codes of `fcom`: 0 success, 1 the operation failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface GlobalOptions {
  dataDir?: string;
  json: boolean;
}

/**
 * Runs `fcom` with the given arguments (without `node` and the script) and returns the exit code.
 * Every command goes through the same contract and composition root as the app.
 */
export async function runCli(argv: string[], output: Output = processOutput): Promise<number> {
  let core: Core | undefined;
  const openCore = (options: GlobalOptions): Core => {
    core ??= createCore({ dataDir: resolveDataDir(options.dataDir), target: 'cli' });
    return core;
  };
  const call = async <C extends Channel>(options: GlobalOptions, channel: C, request: RequestOf<C>) => {
    const result = await dispatch(openCore(options).handlers, channel, request);
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
    return result.value as ResponseOf<C>;
  };

  const program = new Command('fcom')
    .description('Face Commissioner: find and commission face-recognition access terminals.')
    .addOption(new Option('--data-dir <dir>', 'where the local database lives (or set FCOM_DATA_DIR)'))
    .option('--json', 'print machine-readable JSON', false)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.out(text.trimEnd()),
      writeErr: (text) => output.err(text.trimEnd()),
    });

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('version')
    .description('print the app version, platform and data directory')
    .action(async () => {
      printData(output, await call(globals(), 'app:info', {}), globals().json);
    });

  program
    .command('status')
    .description('print the site adapters, cloud reachability and queued operations')
    .action(async () => {
      printData(output, await call(globals(), 'status:get', {}), globals().json);
    });

  program
    .command('adapters')
    .description('list the IPv4 network adapters of this computer')
    .action(async () => {
      const adapters = await call(globals(), 'network:adapters', {});
      if (globals().json) printData(output, adapters, true);
      else for (const a of adapters) output.out(`${a.name}\t${a.cidr ?? a.address}${a.internal ? '\t(internal)' : ''}`);
    });

  const settings = program.command('settings').description('read or change settings');
  settings
    .command('get')
    .description('print every setting')
    .action(async () => {
      printData(output, await call(globals(), 'settings:get', {}), globals().json);
    });
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
      printData(output, await call(globals(), 'settings:update', patch), globals().json);
    });

  program.version(APP_VERSION, '-V, --version', 'print the version number');

  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT.ok;
      }
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    output.err(formatError(toErrorPayload(error)));
    return EXIT.failed;
  } finally {
    await core?.close();
  }
}
