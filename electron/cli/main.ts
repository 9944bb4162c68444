import { runCli } from './program.ts';

/** Entry point of the `fcom` command. */
process.exitCode = await runCli(process.argv.slice(2));
