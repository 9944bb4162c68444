import { AppError } from '../../shared/errors.ts';
import type {
  Channel,
  EventName,
  EventPayloadOf,
  Handlers,
  RequestOf,
  ResponseOf,
  Unsubscribe,
} from '../../shared/ipc/types.ts';
import type { EventBus } from '../core/events/event-bus.ts';
import { dispatch } from '../core/ipc/dispatch.ts';
import { printData, type Output } from './output.ts';

/**
 * What the CLI reaches of its core, the same as the browser host: the contract's handlers and its events.
 * Only the composition root (program.ts) opens a core; commands never see its services.
 */
export interface CliTransport {
  handlers: Handlers;
  bus: Pick<EventBus, 'onAny'>;
}

/** What every CLI command uses: the contract (the core is opened on first use), output and `--json`. */
export interface CliContext {
  output: Output;
  json(): boolean;
  /** Calls a contract channel; a failed Result is thrown as an AppError. */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Listens to one contract event (as the browser host forwards them); returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): Unsubscribe;
  /** Prints data as JSON with `--json`, else as `key: value` lines. */
  print(data: unknown): void;
  /** Makes the command exit with `code` once it has printed its result (1: not everything succeeded). */
  setExitCode(code: number): void;
  /** The exit code a command asked for (0 unless set). */
  exitCode(): number;
}

/** Creates the {@link CliContext}; the core is opened lazily so `--help` never opens the database. */
export function createCliContext(output: Output, json: () => boolean, open: () => CliTransport): CliContext {
  let exitCode = 0;
  return {
    output,
    json,
    async call(channel, request) {
      const result = await dispatch(open().handlers, channel, request);
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
      return result.value as ResponseOf<typeof channel>;
    },
    on(event, listener) {
      const heard = listener as (payload: unknown) => void;
      return open().bus.onAny((name, payload) => {
        if ((name as EventName) === event) heard(payload);
      });
    },
    print: (data) => printData(output, data, json()),
    setExitCode: (code) => {
      exitCode = code;
    },
    exitCode: () => exitCode,
  };
}
