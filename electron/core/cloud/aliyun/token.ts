/** A project cloudToken and how long it lives, as POST /cloud/token answered it. */
export interface IssuedToken {
  token: string;
  /** Lifetime in milliseconds from the moment it was issued (the documentation shows 7,200,000). */
  expireInMs: number;
}

/** A token as the processes of one data directory share it. */
export interface StoredToken {
  token: string;
  /** When it was issued or refreshed (ms since the epoch). */
  issuedAt: number;
  expireInMs: number;
}

/**
 * Where the processes of one data directory (the app, the browser host, fcom) share the project token, so that
 * one's renewal is the others' token instead of revoking it (every POST /cloud/token revokes the token before).
 */
export interface SharedTokenPort {
  read(): Promise<StoredToken | undefined>;
  write(token: StoredToken): Promise<void>;
  /** Runs `work` while no other process of the data directory renews (a cross-process lock). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/** Settings of {@link CloudTokenSource}. */
export interface CloudTokenSourceOptions {
  now: () => number;
  /** Asks the platform for a new token (which invalidates the previous one). */
  issue: () => Promise<IssuedToken>;
  /**
   * Renews a still-valid token without revoking other clients' tokens (POST /cloud/token/refresh); used before
   * {@link issue} whenever there is a live token to refresh. Absent: renewals issue.
   */
  refresh?: (token: string) => Promise<IssuedToken>;
  /** The data directory's shared token; absent: this source keeps its token to itself. */
  shared?: SharedTokenPort;
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
 * says it is invalid (2402). Renewal is single-flight: concurrent callers share one renewal, which matters
 * because every issue invalidates the token before it. Renewal refreshes a live token (no revocation) and issues
 * only when there is none; with a {@link SharedTokenPort}, the processes of one data directory share one token:
 * a renewal first looks whether another process already renewed, under the data directory's lock.
 */
export class CloudTokenSource {
  private current: { token: string; renewAt: number; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  private readonly now: () => number;
  private readonly issue: () => Promise<IssuedToken>;
  private readonly refresh: ((token: string) => Promise<IssuedToken>) | undefined;
  private readonly shared: SharedTokenPort | undefined;
  private readonly marginMs: number;

  constructor(options: CloudTokenSourceOptions) {
    this.now = options.now;
    this.issue = options.issue;
    this.refresh = options.refresh;
    this.shared = options.shared;
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
    return this.renew(signal, used);
  }

  /** Forgets the token (the next call issues a new one). */
  clear(): void {
    this.current = null;
  }

  private renew(signal?: AbortSignal, rejected?: string): Promise<string> {
    // The shared request is never aborted by one caller's signal: the others still want the token.
    this.inflight ??= this.renewNow(rejected).finally(() => {
      this.inflight = null;
    });
    return withSignal(this.inflight, signal);
  }

  private adopt(stored: StoredToken): string {
    const { token, issuedAt, expireInMs } = stored;
    const renewAt = issuedAt + Math.max(expireInMs / 2, expireInMs - this.marginMs);
    this.current = { token, renewAt, expiresAt: issuedAt + expireInMs };
    return token;
  }

  private async renewNow(rejected: string | undefined): Promise<string> {
    const previous = this.current;
    const work = async (): Promise<string> => {
      const stored = await this.shared?.read();
      // Another process of this data directory renewed already: its token is ours too.
      if (stored && stored.token !== rejected && this.now() < stored.issuedAt + stored.expireInMs) {
        const fresh = this.now() < stored.issuedAt + Math.max(stored.expireInMs / 2, stored.expireInMs - this.marginMs);
        if (fresh || stored.token !== previous?.token) return this.adopt(stored);
      }
      const live =
        stored && stored.token !== rejected && this.now() < stored.issuedAt + stored.expireInMs
          ? stored.token
          : previous && previous.token !== rejected && this.now() < previous.expiresAt
            ? previous.token
            : undefined;
      const issuedAt = this.now();
      let answer: IssuedToken | undefined;
      if (live && this.refresh) answer = await this.refresh(live).catch(() => undefined);
      answer ??= await this.issue();
      const record = { token: answer.token, issuedAt, expireInMs: answer.expireInMs };
      // Not shared (a full disk): the others renew by themselves; this token still works here.
      await this.shared?.write(record).catch(() => undefined);
      return this.adopt(record);
    };
    return this.shared ? this.shared.exclusive(work) : work();
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
