import { AppError } from '../../shared/errors.ts';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/types.ts';
import type { Core } from '../core/compose.ts';
import { dispatch } from '../core/ipc/dispatch.ts';
import { printData, type Output } from './output.ts';

/** What every CLI command uses: the contract, the core (opened on first use), output and `--json`. */
export interface CliContext {
  output: Output;
  json(): boolean;
  core(): Core;
  /** Calls a contract channel; a failed Result is thrown as an AppError. */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Prints data as JSON with `--json`, else as `key: value` lines. */
  print(data: unknown): void;
  /** Makes the command exit with `code` once it has printed its result (1: not everything succeeded). */
  setExitCode(code: number): void;
  /** The exit code a command asked for (0 unless set). */
  exitCode(): number;
}

/** Creates the {@link CliContext}; the core is built lazily so `--help` never opens the database. */
export function createCliContext(output: Output, json: () => boolean, openCore: () => Core): CliContext {
  let exitCode = 0;
  return {
    output,
    json,
    core: openCore,
    async call(channel, request) {
      const result = await dispatch(openCore().handlers, channel, request);
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
      return result.value as ResponseOf<typeof channel>;
    },
    print: (data) => printData(output, data, json()),
    setExitCode: (code) => {
      exitCode = code;
    },
    exitCode: () => exitCode,
  };
}
