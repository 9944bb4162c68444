import type { ChildProcess } from 'node:child_process';
import { cliRunner, type CliRun } from '../support/cli/test-cli.ts';

/** One app process of a chaos run (an `fcom` command), as the conductor saw it. */
export interface AppRun {
  /** 1, 2, ... in start order. */
  n: number;
  /** What the conductor asked for ('remove', 'aliyun', 'push', 'sync', 'resume', 'settle', 'setup', ...). */
  kind: string;
  args: string[];
  startedAt: number;
  endedAt?: number;
  /** When the conductor killed it with SIGKILL, if it did. */
  killedAt?: number;
  /** Exit code (null when killed). */
  code?: number | null;
  stdout?: string;
  stderr?: string;
}

/**
 * Starts the app as `fcom` child processes, one at a time (two processes must not run the same job:
 * `electron/core/removal/README.md`), records when each ran, and kills the running one with SIGKILL on demand.
 */
export class AppLauncher {
  readonly runs: AppRun[] = [];
  private current: { run: AppRun; child: ChildProcess } | undefined;
  private readonly runner: ReturnType<typeof cliRunner>;

  constructor(env: NodeJS.ProcessEnv) {
    this.runner = cliRunner(env);
  }

  /** Whether an app process runs now. */
  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Runs `fcom args` to its end (or until {@link kill}); refuses to start a second process at once. */
  async run(kind: string, args: string[]): Promise<AppRun> {
    if (this.current) throw new Error(`app process ${this.current.run.n} still runs: one at a time`);
    const run: AppRun = { n: this.runs.length + 1, kind, args, startedAt: Date.now() };
    this.runs.push(run);
    const { child, done } = this.runner.start(...args);
    this.current = { run, child };
    let result: CliRun;
    try {
      result = await done;
    } finally {
      this.current = undefined;
    }
    Object.assign(run, { endedAt: Date.now(), code: result.code, stdout: result.stdout, stderr: result.stderr });
    return run;
  }

  /** Kills the running app process with SIGKILL (kill -9); false when none runs. */
  kill(): boolean {
    const current = this.current;
    if (!current || current.run.killedAt !== undefined) return false;
    current.run.killedAt = Date.now();
    current.child.kill('SIGKILL');
    return true;
  }

  /** The run that was going on at `at` (runs never overlap), if any. */
  runAt(at: number): AppRun | undefined {
    return this.runs.find((r) => r.startedAt <= at && (r.endedAt === undefined || at <= r.endedAt));
  }
}
