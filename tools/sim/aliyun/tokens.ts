// Tokens the living platform accepts on business calls: project-level cloudTokens from POST /cloud/token and
// user-level iotTokens (issued by the platform's account service, given to the simulator as a list).

/** Who a valid token speaks for. */
export interface TokenOwner {
  kind: 'cloud' | 'iot';
  projectId: string;
}

interface CloudToken {
  appKey: string;
  projectId: string;
  expiresAt: number;
  revoked: boolean;
}

/** Issues, checks and expires tokens against an injectable clock. */
export class TokenBook {
  private readonly cloud = new Map<string, CloudToken>();
  /** The newest cloudToken of each app and project: issuing again revokes the previous one. */
  private readonly current = new Map<string, string>();
  private readonly iot = new Map<string, { projectId: string; valid: boolean }>();
  private issues = 0;
  private refreshes = 0;

  private readonly now: () => number;
  private readonly newToken: () => string;
  private readonly ttlMs: number;

  constructor(now: () => number, ttlMs: number, newToken: () => string) {
    this.now = now;
    this.ttlMs = ttlMs;
    this.newToken = newToken;
  }

  /** Issues a cloudToken for an app's project, revoking the one issued before for the same pair. */
  issueCloud(appKey: string, projectId: string): { cloudToken: string; expireIn: number } {
    const pair = `${appKey}\n${projectId}`;
    const previous = this.current.get(pair);
    const old = previous === undefined ? undefined : this.cloud.get(previous);
    if (old) old.revoked = true;
    const cloudToken = this.newToken();
    this.cloud.set(cloudToken, { appKey, projectId, expiresAt: this.now() + this.ttlMs, revoked: false });
    this.current.set(pair, cloudToken);
    this.issues += 1;
    return { cloudToken, expireIn: this.ttlMs };
  }

  /**
   * Renews a live cloudToken of `appKey` (POST /cloud/token/refresh): a new token, now the pair's newest, and NO
   * revocation of the other tokens of the pair; the renewed one too stays valid until its expiry unless
   * `revokeOld` (the `refresh-revokes-old` variant). Undefined when `token` is unknown, revoked or expired.
   */
  refreshCloud(
    appKey: string,
    token: string,
    revokeOld: boolean,
  ): { cloudToken: string; expireIn: number } | undefined {
    const owner = this.check('cloud', token, appKey);
    const entry = this.cloud.get(token);
    if (!owner || !entry) return undefined;
    if (revokeOld) entry.revoked = true;
    const cloudToken = this.newToken();
    this.cloud.set(cloudToken, {
      appKey,
      projectId: owner.projectId,
      expiresAt: this.now() + this.ttlMs,
      revoked: false,
    });
    this.current.set(`${appKey}\n${owner.projectId}`, cloudToken);
    this.refreshes += 1;
    return { cloudToken, expireIn: this.ttlMs };
  }

  /** How many cloudTokens were issued (POST /cloud/token) and refreshed so far: tests count revocations. */
  counts(): { issued: number; refreshed: number } {
    return { issued: this.issues, refreshed: this.refreshes };
  }

  /** Accepts an iotToken (a user session of `projectId`). */
  addIot(token: string, projectId: string): void {
    this.iot.set(token, { projectId, valid: true });
  }

  /**
   * The owner of a token presented by `appKey`, or undefined when it is unknown, expired, revoked, or a
   * cloudToken of another app.
   */
  check(kind: 'cloud' | 'iot', token: string, appKey: string): TokenOwner | undefined {
    if (kind === 'iot') {
      const entry = this.iot.get(token);
      return entry?.valid ? { kind, projectId: entry.projectId } : undefined;
    }
    const entry = this.cloud.get(token);
    if (!entry || entry.revoked || entry.appKey !== appKey || this.now() >= entry.expiresAt) return undefined;
    return { kind, projectId: entry.projectId };
  }

  /** Expires every token issued or accepted so far. */
  expireAll(): void {
    for (const entry of this.cloud.values()) entry.revoked = true;
    for (const entry of this.iot.values()) entry.valid = false;
  }
}
