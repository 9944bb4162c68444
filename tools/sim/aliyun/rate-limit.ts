/**
 * The gateway's flow control: at most `limit` admitted requests in any sliding second of the injected
 * clock. Refused requests do not count. `Infinity` turns it off.
 */
export class RateLimiter {
  private readonly admitted: number[] = [];
  private limit: number;

  constructor(limit = Number.POSITIVE_INFINITY) {
    this.limit = limit;
  }

  /** Changes the limit while running. */
  setLimit(limit: number): void {
    this.limit = limit;
  }

  /** Admits (and counts) the request at `now`, or refuses it. */
  admit(now: number): boolean {
    while (this.admitted.length > 0 && now - (this.admitted[0] ?? now) >= 1000) this.admitted.shift();
    if (this.admitted.length >= this.limit) return false;
    this.admitted.push(now);
    return true;
  }
}
