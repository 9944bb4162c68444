import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The environment for the harness's Node children: this one plus a shared compile cache (Node keeps the
 * compiled, type-stripped modules there), which makes 20 terminals start about twice as fast.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'fcom-sim-node-compile-cache'),
    ...extra,
  };
}

/** A request from the harness to one of its child processes, over the Node IPC channel. */
export interface ControlRequest {
  id: number;
  op: string;
  args?: unknown;
}

/** A child's answer to a {@link ControlRequest}, or its one `ready` message. */
export type ControlMessage =
  | { type: 'ready'; payload: unknown }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

/** The harness side of a child process started with an `ipc` stdio slot. */
export interface ControlledChild<Ready> {
  readonly process: ChildProcess;
  /** Resolves with the child's ready payload; rejects when it exits or times out first. */
  readonly ready: Promise<Ready>;
  /** Resolves with the exit code (or signal name) once the child has ended. */
  readonly exited: Promise<number | string>;
  /** Sends one request and resolves with the child's result. */
  call<T = unknown>(op: string, args?: unknown): Promise<T>;
  /** Asks the child to stop (op `stop`), waits for it to end, and kills it after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Wraps a child process that speaks the control protocol. Its stdout and stderr (when piped) are kept
 * as a short tail, quoted in the error when the child dies before it is ready.
 */
export function controlChild<Ready>(
  child: ChildProcess,
  name: string,
  readyTimeoutMs = 60_000,
): ControlledChild<Ready> {
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let settleReady: { resolve: (value: Ready) => void; reject: (error: Error) => void } | undefined;
  const ready = new Promise<Ready>((resolve, reject) => (settleReady = { resolve, reject }));
  ready.catch(() => undefined);
  const timer = setTimeout(
    () => settleReady?.reject(new Error(`${name} was not ready after ${readyTimeoutMs} ms.`)),
    readyTimeoutMs,
  );

  child.on('message', (raw: unknown) => {
    const message = raw as ControlMessage;
    if (message.type === 'ready') {
      clearTimeout(timer);
      settleReady?.resolve(message.payload as Ready);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${name}: ${message.error}`));
  });

  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const why = new Error(`${name} exited (${code ?? signal}) ${tail.trim() ? `— ${tail.trim()}` : ''}`.trim());
      settleReady?.reject(why);
      for (const waiter of pending.values()) waiter.reject(why);
      pending.clear();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  child.once('error', (error) => settleReady?.reject(error));

  const call = <T>(op: string, args?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`${name} is not running.`));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, op, args } satisfies ControlRequest, (error) => {
        if (!error) return;
        pending.delete(id);
        reject(error);
      });
    });

  const stop = async (timeoutMs = 5000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    if (child.connected) await call('stop').catch(() => undefined);
    else child.kill('SIGTERM');
    await exited;
    clearTimeout(killer);
  };

  return { process: child, ready, exited, call, stop };
}

/**
 * Handlers a child offers to the harness, by op name. After the reply to `stop` has been sent, the
 * child process exits with code 0.
 */
export type ControlHandlers = Record<string, (args: unknown) => unknown>;

/**
 * The child side: answers requests from the harness with `handlers`, and calls `onDisconnect` when the
 * harness goes away (so an orphan never outlives it). Returns a function that sends the ready message.
 */
export function serveControl(handlers: ControlHandlers, onDisconnect: () => void): (payload: unknown) => void {
  if (!process.send) throw new Error('This entry point must be started with an IPC channel (stdio "ipc").');
  const send = (message: ControlMessage, then?: () => void): void => {
    if (process.connected) process.send?.(message, undefined, undefined, () => then?.());
    else then?.();
  };
  const after = (op: string) => (op === 'stop' ? () => process.exit(0) : undefined);
  process.on('message', (raw: unknown) => {
    const request = raw as ControlRequest;
    const handler = handlers[request.op];
    if (!handler) {
      send({ type: 'reply', id: request.id, ok: false, error: `unknown op "${request.op}"` });
      return;
    }
    Promise.resolve()
      .then(() => handler(request.args))
      .then(
        (result) => send({ type: 'reply', id: request.id, ok: true, result: result ?? null }, after(request.op)),
        (error: unknown) =>
          send(
            { type: 'reply', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) },
            after(request.op),
          ),
      );
  });
  process.on('disconnect', onDisconnect);
  return (payload) => send({ type: 'ready', payload });
}
