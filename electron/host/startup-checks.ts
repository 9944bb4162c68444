import { AppError } from '../../shared/errors.ts';
import { requireUnlocked, type SecretStore } from '../core/secrets/secret-store.ts';

/** What the passphrase check at start decided: go on (maybe with a warning), or stop with a message. */
export type SecretsAtStart = { ok: true; warning?: string } | { ok: false; message: string };

/**
 * The browser host's passphrase check at start (issue 21). A passphrase that does not open the saved credentials
 * stops the host before anything runs (no job is resumed with credentials it cannot read). No passphrase at all
 * lets it start, said once: the app can be looked at, but jobs, resume and sync refuse with SECRETS_LOCKED until it
 * is started with FCOM_SECRET_KEY. Anything else (a damaged file) is said and left to the screens that need it.
 */
export async function checkSecretsAtStart(secrets: SecretStore): Promise<SecretsAtStart> {
  try {
    await requireUnlocked(secrets);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const reason = (error.details as { reason?: string } | undefined)?.reason;
    if (error.code === 'SECRETS_LOCKED' && reason === 'missing') {
      return {
        ok: true,
        warning: `${error.message} Until then no job starts, resumes or syncs (each says SECRETS_LOCKED).`,
      };
    }
    if (error.code === 'SECRETS_LOCKED') return { ok: false, message: error.message };
    return { ok: true, warning: error.message };
  }
}
