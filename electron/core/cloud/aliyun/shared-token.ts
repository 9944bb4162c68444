import { createHash } from 'node:crypto';
import { z } from 'zod';
import { withFileLock } from '../../secrets/file-lock.ts';
import type { SecretStore } from '../../secrets/secret-store.ts';
import type { SharedTokenPort, StoredToken } from './token.ts';

const StoredTokenSchema = z.object({
  token: z.string().min(1),
  issuedAt: z.number(),
  expireInMs: z.number().positive(),
});

/**
 * The secret-store key of the shared project token of one set of credentials and project (hashed: nothing in
 * clear). A changed AppSecret is another key: a token is never reused with credentials that did not get it.
 */
export function sharedTokenKey(appKey: string, appSecret: string, projectId: string): string {
  const digest = createHash('sha256').update(`${appKey}\n${appSecret}\n${projectId}`).digest('hex').slice(0, 24);
  return `cloud:aliyun:project-token:${digest}`;
}

/**
 * The project token shared by the processes of one data directory (the app, the browser host, fcom): kept in the
 * encrypted credential store (never in the database or a log), renewed under a lock file beside it, so one process
 * renews and the others take its token instead of issuing their own (each issue revokes the token before it).
 */
export function createSharedTokenStore(
  secrets: SecretStore,
  lockPath: string,
  appKey: string,
  appSecret: string,
  projectId: string,
): SharedTokenPort {
  const key = sharedTokenKey(appKey, appSecret, projectId);
  return {
    async read(): Promise<StoredToken | undefined> {
      const raw = await secrets.get(key);
      if (raw === undefined) return undefined;
      try {
        const parsed = StoredTokenSchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    write: (token) => secrets.set(key, JSON.stringify(StoredTokenSchema.parse(token))),
    exclusive: (work) => withFileLock(lockPath, work),
  };
}
