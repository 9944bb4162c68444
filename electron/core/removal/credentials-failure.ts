import type { BatchFailure } from './journal-types.ts';

/** Reason prefix of items failed because the terminal refused the credentials. */
export const CREDENTIALS_REJECTED = 'Credentials rejected';

/** The failure recorded on items when a terminal refuses the credentials: what happened and what to do. */
export function credentialsFailure(message: string, rawCode: string | null): BatchFailure {
  return {
    rawCode: rawCode ?? 'auth',
    reason: `${CREDENTIALS_REJECTED}: ${message} Set the terminal's credentials (fcom devices add ADDRESS --username NAME --password PASSWORD, or its details in the app), then retry the failed items.`,
  };
}

/**
 * Whether a journaled failure is the terminal refusing the credentials. The raw code is the vendor's own where it
 * gave one (`invalid_authentication`, "Wrong login or password"), so the recorded reason says it too.
 */
export function isCredentialsFailure(rawCode: string | null, reason: string | null): boolean {
  return rawCode === 'auth' || (reason?.startsWith(CREDENTIALS_REJECTED) ?? false);
}
