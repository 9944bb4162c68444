/** A project cloudToken and how long it lives, as POST /cloud/token answered it. */
export interface IssuedToken {
  token: string;
  /** Lifetime in milliseconds from the moment it was issued (the documentation shows 7,200,000). */
  expireInMs: number;
}

/** Settings of {@link CloudTokenSource}. */
export interface CloudTokenSourceOptions {
  now: () => number;
  /** Asks the platform for a new token (which invalidates the previous one). */
  issue: () => Promise<IssuedToken>;
  /**
   * Renew this long before expiry (default 5 minutes), but never earlier than half-way through the token's
   * life, so a short-lived token is still used for a while.
   */
  marginMs?: number;
}

/** Default time before expiry at which a cloudToken is renewed. */
export const DEFAULT_TOKEN_MARGIN_MS = 5 * 60 * 1000;

/**
 * Holds the project cloudToken: issues one on first use, renews it before it expires and when the platform
 * says it is invalid (2402). Renewal is single-flight: concurrent callers share one POST /cloud/token, which
 * matters because every issue invalidates the token before it.
 */
export class CloudTokenSource {
  private current: { token: string; renewAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  private readonly now: () => number;
  private readonly issue: () => Promise<IssuedToken>;
  private readonly marginMs: number;

  constructor(options: CloudTokenSourceOptions) {
    this.now = options.now;
    this.issue = options.issue;
    this.marginMs = options.marginMs ?? DEFAULT_TOKEN_MARGIN_MS;
  }

  /** A token that is not near its expiry (issuing or renewing one when needed). */
  get(signal?: AbortSignal): Promise<string> {
    const current = this.current;
    if (current && this.now() < current.renewAt) return Promise.resolve(current.token);
    return this.renew(signal);
  }

  /**
   * The platform refused `used` as invalid: renews it, unless another caller already replaced it (then the
   * newer token is answered without asking the platform again).
   */
  renewAfterRejection(used: string, signal?: AbortSignal): Promise<string> {
    if (this.inflight) return withSignal(this.inflight, signal);
    if (this.current && this.current.token !== used) return Promise.resolve(this.current.token);
    this.current = null;
    return this.renew(signal);
  }

  /** Forgets the token (the next call issues a new one). */
  clear(): void {
    this.current = null;
  }

  private renew(signal?: AbortSignal): Promise<string> {
    // The shared request is never aborted by one caller's signal: the others still want the token.
    this.inflight ??= this.issueNow().finally(() => {
      this.inflight = null;
    });
    return withSignal(this.inflight, signal);
  }

  private async issueNow(): Promise<string> {
    const issuedAt = this.now();
    const { token, expireInMs } = await this.issue();
    const renewAt = issuedAt + Math.max(expireInMs / 2, expireInMs - this.marginMs);
    this.current = { token, renewAt };
    return token;
  }
}

/** `promise`, or a rejection with the abort reason as soon as `signal` aborts. */
export function withSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
