import { Command, CommanderError, Option } from 'commander';
import { toErrorPayload } from '../../shared/errors.ts';
import { APP_VERSION } from '../core/app-info.ts';
import { createCore, type Core } from '../core/compose.ts';
import { resolveDataDir } from '../core/data-dir.ts';
import { registerAppCommands } from './commands/app.ts';
import { registerCloudCommands } from './commands/cloud.ts';
import { registerDeviceCommands } from './commands/devices.ts';
import { registerJobCommands } from './commands/jobs.ts';
import { registerPeopleCommands } from './commands/people.ts';
import { registerPermissionCommands, registerPushCommands } from './commands/permissions.ts';
import { registerRemovalCommands } from './commands/removal.ts';
import { registerSyncCommands } from './commands/sync.ts';
import { createCliContext } from './context.ts';
import { formatError, processOutput, type Output } from './output.ts';
import type { CliLanguage } from './messages.ts';

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
  const context = createCliContext(
    output,
    () => globals().json,
    () => {
      core ??= createCore({ dataDir: resolveDataDir(globals().dataDir), target: 'cli' });
      return { handlers: core.handlers, bus: core.services.bus };
    },
  );

  registerAppCommands(program, context);
  registerDeviceCommands(program, context);
  registerRemovalCommands(program, context);
  registerPeopleCommands(program, context);
  registerJobCommands(program, context);
  registerCloudCommands(program, context);
  registerPermissionCommands(program, context);
  registerPushCommands(program, context);
  registerSyncCommands(program, context);
  program.version(APP_VERSION, '-V, --version', 'print the version number');

  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpShown = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return helpShown || error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    output.err(formatError(toErrorPayload(error), cliLanguage(core)));
    return EXIT.failed;
  } finally {
    await core?.close();
  }
}

/** The saved language (`fcom settings set --language`) for the CLI's error words; English when unknown. */
function cliLanguage(core: Core | undefined): CliLanguage {
  try {
    return core?.services.settings.get().language === 'zh-CN' ? 'zh-CN' : 'en';
  } catch {
    return 'en';
  }
}
