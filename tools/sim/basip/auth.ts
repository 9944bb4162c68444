import { createHash, randomBytes } from 'node:crypto';

/** The two account kinds a BAS-IP panel knows; only `admin` may write identifiers. */
export type BasipAccountType = 'admin' | 'user';

/** One issued bearer token. */
export interface BasipSession {
  token: string;
  accountType: BasipAccountType;
  /** Clock time (ms) from which the token is refused. */
  expiresAt: number;
}

/** What a presented token turned out to be. */
export type TokenCheck = { state: 'valid'; session: BasipSession } | { state: 'expired' | 'unknown' };

/** Lower-case hex MD5 of a UTF-8 string (BAS-IP logins send the password this way). */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** Whether `given` is the MD5 hex of `password`, in upper- or lower-case hex (the vendor example uses upper). */
export function passwordMatches(given: string, password: string): boolean {
  return given.toLowerCase() === md5Hex(password);
}

/** The token of an `Authorization: Bearer <token>` header (scheme matched case-insensitively), if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Issues and checks bearer tokens with a fixed lifetime (no refresh: the vendor documents "token storage
 * time - 2 hours"). Earlier tokens stay valid when a new one is issued; the vendor does not say otherwise.
 */
export class TokenStore {
  private readonly sessions = new Map<string, BasipSession>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(ttlMs: number, now: () => number) {
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** Issues a new random token for an account. */
  issue(accountType: BasipAccountType): BasipSession {
    this.purge();
    const session = { token: randomBytes(20).toString('hex'), accountType, expiresAt: this.now() + this.ttlMs };
    this.sessions.set(session.token, session);
    return session;
  }

  /** Checks a presented token against the clock. */
  check(token: string): TokenCheck {
    const session = this.sessions.get(token);
    if (!session) return { state: 'unknown' };
    if (this.now() >= session.expiresAt) return { state: 'expired' };
    return { state: 'valid', session };
  }

  /** Expires a token at once (the `expired-credentials` fault): it stays refused afterwards. */
  expire(token: string): void {
    const session = this.sessions.get(token);
    if (session) session.expiresAt = Math.min(session.expiresAt, this.now());
  }

  /** Forgets tokens expired long ago, so a long run does not grow without bound. */
  private purge(): void {
    const horizon = this.now() - this.ttlMs;
    for (const [token, session] of this.sessions) if (session.expiresAt < horizon) this.sessions.delete(token);
  }
}
