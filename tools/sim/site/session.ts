import { createInterface } from 'node:readline';
import { runCommand, type CommandTarget } from './commands.ts';

/** The life of `sim` or `demo`: what to undo when it stops, and the command prompt. */
export interface Session {
  /** Registers a step to undo on stop; steps are undone newest first. */
  onStop(step: () => Promise<unknown>): void;
  /** Reads commands from stdin (see commands.ts) until the session stops. */
  acceptCommands(target: CommandTarget): void;
  /** Undoes every step and exits with `code` (when undoing fails, with 1). */
  stop(why: string, code?: number): void;
}

/**
 * Starts a session: from now on SIGINT (Ctrl-C), SIGTERM or `quit` undo every registered step and exit
 * with code 0 (1 when undoing failed), even while things are still starting (anything half-started is
 * caught by the network's exit handler). When stdin ends (not a terminal), it keeps running until a signal.
 */
export function startSession(): Session {
  const steps: Array<() => Promise<unknown>> = [];
  let stopping = false;
  const shutdown = (why: string, code = 0): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why}: stopping…`);
    void (async () => {
      let failed = false;
      for (const step of steps.reverse()) {
        await step().catch((error: unknown) => {
          failed = true;
          console.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
      if (!failed) console.log('Stopped; nothing left behind.');
      process.exit(failed ? 1 : code);
    })();
  };
  process.on('SIGINT', () => shutdown('Ctrl-C'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return {
    stop: shutdown,
    onStop: (step) => void steps.push(step),
    acceptCommands: (target) => {
      // One command at a time, in the order typed.
      let queue = Promise.resolve();
      const lines = createInterface({ input: process.stdin, terminal: false });
      lines.on('line', (line) => {
        queue = queue.then(async () => {
          if (stopping) return;
          const answer = await runCommand(line, target);
          if (answer === 'quit') shutdown('quit');
          else if (answer) console.log(answer);
        });
      });
    },
  };
}
