import { TuyaError } from './errors.ts';

/** Waits `ms` milliseconds, or rejects with a cancelled {@link TuyaError} when `signal` aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A random number in [0, 1) (Math.random by default; tests inject a fixed one). */
export type Random = () => number;

/** Bounded retries with exponential backoff and full jitter. */
export interface BackoffPolicy {
  /** Attempts in all, the first included (default 5). */
  maxAttempts: number;
  /** Cap of the first wait (default 500 ms); doubles per retry. */
  baseDelayMs: number;
  /** Largest cap (default 10 s). */
  maxDelayMs: number;
}

/** The client's default policy: 5 attempts, waits drawn from [0, 0.5 s), [0, 1 s), [0, 2 s), [0, 4 s). */
export const DEFAULT_BACKOFF: BackoffPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 10_000 };

/**
 * "Full jitter": the wait before retry number `retry` (1 for the first retry) is drawn uniformly from
 * [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))), so clients that were throttled together spread out.
 */
export function fullJitterDelay(retry: number, policy: BackoffPolicy, random: Random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(Math.min(0.999_999, Math.max(0, random())) * cap);
}

/** A cancelled {@link TuyaError}. */
export function cancelledError(): TuyaError {
  return new TuyaError({ kind: 'cancelled' });
}

/** Throws a cancelled {@link TuyaError} when the signal has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/** The real clock's sleep, abortable. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Waits for `promise` unless `signal` aborts first (then rejects with a cancelled error). The promise itself
 * keeps running: used for work shared by several callers, such as a token renewal, that one caller may not stop.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  // The shared work may still fail after this caller left: that failure is not this caller's to report.
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
