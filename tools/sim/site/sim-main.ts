import { parseArgs } from 'node:util';
import { COMMAND_HELP } from './commands.ts';
import { startSession, type Session } from './session.ts';
import { SITE_ARG_OPTIONS, startSiteFromArgs } from './site-args.ts';
import { describeSite } from './summary.ts';

/**
 * `npm run sim -- [--terminals 20] [--kind mixed|sophon|basip] [--seed S] [--people 50] [--no-clouds]
 * [--loopback]`: starts a simulated site (and the clouds on its laptop side), prints every terminal and
 * credential, then takes commands on stdin until `quit` or Ctrl-C, when it stops everything it started.
 * `--loopback` runs the terminals on 127.0.0.1 even where namespaces would work.
 */
async function main(session: Session): Promise<void> {
  const { values } = parseArgs({ options: SITE_ARG_OPTIONS, strict: true });
  const started = Date.now();
  const { site, clouds } = await startSiteFromArgs(values, session);

  console.log(describeSite(site, clouds?.clouds).join('\n'));
  console.log(`\nStarted in ${((Date.now() - started) / 1000).toFixed(1)} s.\n\n${COMMAND_HELP}`);
  session.acceptCommands({ site, clouds });
}

const session = startSession();
main(session).catch((error: unknown) => {
  console.error(`The simulated site could not start: ${error instanceof Error ? error.message : String(error)}`);
  session.stop('start failed', 1);
});
