/** The throttling codes Tuya answers with: concurrent requests over limit, system busy, too frequent. */
export type ThrottleCode = 1110 | 1111 | 1199;

/** A throttle setting: at most `maxRequestsPerSecond` accepted requests in any sliding second. */
export interface ThrottleConfig {
  maxRequestsPerSecond?: number;
  /** The code refused requests get (default 1199 "your requests are too frequent"). */
  code?: ThrottleCode;
}

/**
 * A sliding one-second window over the injectable clock. Only admitted requests count, so a client that
 * backs off for a second is served again. No limit configured → everything is admitted.
 */
export class RateLimiter {
  private readonly now: () => number;
  private config: ThrottleConfig = {};
  private admitted: number[] = [];
  private refusedCount = 0;

  constructor(now: () => number, config: ThrottleConfig = {}) {
    this.now = now;
    this.set(config);
  }

  /** Replaces the setting (an empty object or no limit switches throttling off) and forgets the window. */
  set(config: ThrottleConfig | undefined): void {
    this.config = { ...config };
    this.admitted = [];
  }

  /** Requests refused so far (throttling answers sent), over every setting. */
  refused(): number {
    return this.refusedCount;
  }

  /** Admits a request (undefined) or answers the code it is refused with. */
  admit(): ThrottleCode | undefined {
    const limit = this.config.maxRequestsPerSecond;
    if (limit === undefined) return undefined;
    const now = this.now();
    this.admitted = this.admitted.filter((at) => at > now - 1000);
    if (this.admitted.length >= limit) {
      this.refusedCount += 1;
      return this.config.code ?? 1199;
    }
    this.admitted.push(now);
    return undefined;
  }
}
