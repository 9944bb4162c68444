/** How retries wait: exponential growth from `baseMs`, capped at `maxMs`, with full jitter. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** A number in [0, 1); Math.random by default, fixed in tests. */
  random?: () => number;
}

/** Defaults for terminals on a LAN: 0.5 s, 1 s, 2 s, ... up to 15 s, each drawn uniformly below that bound. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 15_000 };

/**
 * The wait before retry number `attempt` (1 = the first retry): "full jitter", a uniform draw in
 * [0, min(maxMs, baseMs * 2^(attempt-1))), so many terminals failing together do not retry in step.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  const bound = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor((policy.random ?? Math.random)() * bound);
}

/** Waits `ms`, or rejects with the abort reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as unknown);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
