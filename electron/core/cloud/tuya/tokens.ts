import { REFRESH_FAILED_CODES, TuyaError } from './errors.ts';

/** An access token pair as the client keeps it. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  uid: string;
  /** When the access token expires, on the laptop clock (ms). */
  expiresAt: number;
  /** Its lifetime as granted (ms). */
  lifetimeMs: number;
}

/** The two token calls, as the client performs them (signed, without access_token). */
export interface TokenCalls {
  /** `GET /v1.0/token?grant_type=1`. */
  grant(): Promise<TokenPair>;
  /** `GET /v1.0/token/{refresh_token}`. */
  refresh(refreshToken: string): Promise<TokenPair>;
}

/** Refresh when less than this is left (5 minutes), or half the lifetime for very short-lived tokens. */
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Counts of token calls made, for tests and diagnostics. */
export interface TokenStats {
  grants: number;
  refreshes: number;
}

/**
 * Holds the client's token pair and renews it, single-flight: however many calls need a token at once, one
 * grant or refresh is in flight and they all wait for it.
 * - No pair yet → grant.
 * - Less than the margin left before expiry → refresh with the refresh token (it works once; the cloud retires
 *   the old pair), falling back to a fresh grant when the refresh token is refused (1010/1011/1012).
 * - A call answered 1010/1011 → {@link renew} with the token it used: refreshed once for everybody, and a caller
 *   whose token was already replaced just gets the new one.
 */
export class TokenKeeper {
  private readonly calls: TokenCalls;
  private readonly now: () => number;
  private readonly marginMs: number;
  private current: TokenPair | undefined;
  private pending: Promise<TokenPair> | undefined;
  private readonly counts: TokenStats = { grants: 0, refreshes: 0 };

  constructor(options: { calls: TokenCalls; now: () => number; refreshMarginMs?: number }) {
    this.calls = options.calls;
    this.now = options.now;
    this.marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  }

  /** The pair held now (undefined before the first grant). */
  peek(): TokenPair | undefined {
    return this.current;
  }

  /** How many grants and refreshes were made. */
  stats(): TokenStats {
    return { ...this.counts };
  }

  /** Forgets the pair (the next call grants a new one). */
  clear(): void {
    this.current = undefined;
  }

  /** A pair good for the next call: the held one, or a renewed one when it is missing or close to expiry. */
  valid(): Promise<TokenPair> {
    if (this.pending) return this.pending;
    const current = this.current;
    if (!current) return this.single(() => this.grant());
    const margin = Math.min(this.marginMs, current.lifetimeMs / 2);
    if (this.now() >= current.expiresAt - margin) return this.single(() => this.refreshOrGrant(current));
    return Promise.resolve(current);
  }

  /** After the cloud refused `staleAccessToken` (1010/1011): a new pair, renewed at most once for all callers. */
  renew(staleAccessToken: string): Promise<TokenPair> {
    if (this.pending) return this.pending;
    const current = this.current;
    if (current && current.accessToken !== staleAccessToken) return Promise.resolve(current);
    return this.single(() => (current ? this.refreshOrGrant(current) : this.grant()));
  }

  private single(work: () => Promise<TokenPair>): Promise<TokenPair> {
    const run = (async () => {
      try {
        const pair = await work();
        this.current = pair;
        return pair;
      } finally {
        this.pending = undefined;
      }
    })();
    this.pending = run;
    return run;
  }

  private grant(): Promise<TokenPair> {
    this.counts.grants += 1;
    return this.calls.grant();
  }

  private async refreshOrGrant(current: TokenPair): Promise<TokenPair> {
    this.counts.refreshes += 1;
    try {
      return await this.calls.refresh(current.refreshToken);
    } catch (error) {
      if (error instanceof TuyaError && error.tuyaCode !== null && REFRESH_FAILED_CODES.has(error.tuyaCode)) {
        // The refresh token is used, expired or unknown (e.g. a refresh whose answer was lost): start over.
        this.current = undefined;
        return this.grant();
      }
      throw error;
    }
  }
}
