import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The `fcom` launcher the tests run (the same one users run). */
export const FCOM = resolve(import.meta.dirname, '../../../bin/fcom.mjs');

/** How one `fcom` run ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * TEST-ONLY: runs `fcom` as a child process with `env` (asynchronously, so simulators served by the test
 * process keep answering). `start` gives the child too, so a test can kill it; `fcom` waits for the end;
 * `withInput` also writes the standard input.
 */
export function cliRunner(env: NodeJS.ProcessEnv) {
  const start = (...args: string[]): { child: ChildProcess; done: Promise<CliRun> } => {
    const child = spawn(process.execPath, [FCOM, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const done = new Promise<CliRun>((resolveRun) => child.on('close', (code) => resolveRun({ code, stdout, stderr })));
    return { child, done };
  };
  /** Runs `fcom` with `stdin` written to its standard input (e.g. a secret read from stdin). */
  const withInput = (stdin: string, ...args: string[]): Promise<CliRun> => {
    const run = start(...args);
    run.child.stdin?.end(stdin);
    return run.done;
  };
  return { start, withInput, fcom: (...args: string[]): Promise<CliRun> => start(...args).done };
}
