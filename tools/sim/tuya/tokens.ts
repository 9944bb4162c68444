import { TuyaError } from './errors.ts';
import type { Prng } from '../common/prng.ts';

/** The `result` of `GET /v1.0/token?grant_type=1` and of a refresh (snake_case on the wire, always). */
export interface TokenGrant {
  access_token: string;
  expire_time: number;
  refresh_token: string;
  uid: string;
}

/**
 * How long a refresh token stays usable. Tuya does not document it; the simulator keeps it for 30 days, so
 * a refresh after the access token expired works (as it does on the real service).
 */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

interface AccessRecord {
  expiresAt: number;
  forcedExpired: boolean;
}

interface RefreshRecord {
  accessToken: string;
  expiresAt: number;
  used: boolean;
}

/**
 * Issues, refreshes and checks tokens for one client (project).
 * - Every grant issues a fresh pair; earlier pairs stay valid until they expire.
 * - A refresh token works once: the refresh retires the old access token (it answers 1011 "token invalid"
 *   from then on, as if never issued) and marks the refresh token used (a second use answers 1012).
 */
export class TokenStore {
  private readonly access = new Map<string, AccessRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly now: () => number;
  private readonly ttlSeconds: number;
  private readonly prng: Prng;
  private readonly uid: string;

  constructor(options: { now: () => number; ttlSeconds: number; prng: Prng; uid: string }) {
    this.now = options.now;
    this.ttlSeconds = options.ttlSeconds;
    this.prng = options.prng;
    this.uid = options.uid;
  }

  /** A new pair (grant_type=1). */
  grant(): TokenGrant {
    const accessToken = this.hex32();
    const refreshToken = this.hex32();
    const now = this.now();
    this.access.set(accessToken, { expiresAt: now + this.ttlSeconds * 1000, forcedExpired: false });
    this.refreshTokens.set(refreshToken, {
      accessToken,
      expiresAt: now + REFRESH_TOKEN_TTL_SECONDS * 1000,
      used: false,
    });
    return { access_token: accessToken, expire_time: this.ttlSeconds, refresh_token: refreshToken, uid: this.uid };
  }

  /** Exchanges a refresh token for a new pair; throws 1011 (unknown), 1012 (used) or 1010 (expired). */
  refresh(refreshToken: string): TokenGrant {
    const record = this.refreshTokens.get(refreshToken);
    if (!record) throw new TuyaError(1011, 'unknown refresh token');
    if (record.used) throw new TuyaError(1012, 'refresh token already used');
    if (this.now() >= record.expiresAt) throw new TuyaError(1010, 'refresh token expired');
    record.used = true;
    this.access.delete(record.accessToken);
    return this.grant();
  }

  /** Checks the access token of a business call; throws 1002 (absent), 1011 (unknown) or 1010 (expired). */
  check(accessToken: string): void {
    if (accessToken === '') throw new TuyaError(1002);
    const record = this.access.get(accessToken);
    if (!record) throw new TuyaError(1011, 'unknown access token');
    if (record.forcedExpired || this.now() >= record.expiresAt) throw new TuyaError(1010);
  }

  /** Makes every access token issued so far answer 1010; refresh tokens keep working. */
  expireAll(): void {
    for (const record of this.access.values()) record.forcedExpired = true;
  }

  private hex32(): string {
    return Array.from({ length: 32 }, () => this.prng.int(0, 15).toString(16)).join('');
  }
}
