/** Releases a slot taken from a {@link RequestLimiter}. */
export type Release = () => void;

/** Limits requests in flight: at most `global` over every terminal, and at most `perTerminal` per terminal. */
export interface RequestLimiter {
  /** Waits for a slot on `terminal` and a global slot; rejects with the abort reason when `signal` aborts. */
  acquire(terminal: string, signal?: AbortSignal): Promise<Release>;
  /** Changes the limits (settings); takes effect for the next acquisitions. */
  configure(limits: { global: number; perTerminal: number }): void;
}

interface Waiter {
  ready: () => boolean;
  wake: () => void;
}

/**
 * Creates a {@link RequestLimiter}. Waiters are served in arrival order as long as both of their slots are
 * free; a waiter whose terminal is busy does not block waiters for other terminals.
 */
export function createRequestLimiter(limits: { global: number; perTerminal: number }): RequestLimiter {
  let current = { ...limits };
  let inFlight = 0;
  const perTerminal = new Map<string, number>();
  const waiters: Waiter[] = [];

  const free = (terminal: string): boolean =>
    inFlight < current.global && (perTerminal.get(terminal) ?? 0) < current.perTerminal;

  const take = (terminal: string): Release => {
    inFlight++;
    perTerminal.set(terminal, (perTerminal.get(terminal) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight--;
      const left = (perTerminal.get(terminal) ?? 1) - 1;
      if (left === 0) perTerminal.delete(terminal);
      else perTerminal.set(terminal, left);
      pump();
    };
  };

  const pump = (): void => {
    for (let i = 0; i < waiters.length;) {
      const waiter = waiters[i] as Waiter;
      if (waiter.ready()) {
        waiters.splice(i, 1);
        waiter.wake();
      } else i++;
    }
  };

  return {
    acquire(terminal, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as unknown);
      if (waiters.length === 0 && free(terminal)) return Promise.resolve(take(terminal));
      return new Promise<Release>((resolve, reject) => {
        const waiter: Waiter = {
          ready: () => free(terminal),
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(take(terminal));
          },
        };
        const onAbort = (): void => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          reject(signal?.reason as unknown);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
        pump();
      });
    },
    configure(limits) {
      current = { ...limits };
      pump();
    },
  };
}
