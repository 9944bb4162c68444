import { useTranslation } from 'react-i18next';
import { cloudErrorKindOf } from '../../../shared/domain/cloud.ts';
import type { ErrorPayload } from '../../../shared/errors.ts';
import { HOST_LOST_DETAILS } from '../api/ws-client.ts';
import { useAppStore } from '../store/store-context.tsx';

/** Storage faults with a sentence of their own (electron/core/db/storage-errors.ts). */
const STORAGE_FAULTS = new Set(['full', 'locked', 'corrupt', 'readonly', 'io', 'other']);

/** Bounded-input refusals with a sentence of their own (electron/core/files/read-bounded.ts, people-import). */
const INPUT_LIMITS = new Set(['too-many-rows', 'too-large', 'not-regular']);

/**
 * The translation key of an error: the lost host connection and each storage fault (disk full, database
 * locked, corrupt, read-only) have their own; every other error its code's.
 */
export function errorMessageKey(error: ErrorPayload): string {
  const details = error.details as
    { transport?: unknown; fault?: unknown; freeMb?: unknown; reason?: unknown } | undefined;
  if (error.code === 'NETWORK' && details?.transport === HOST_LOST_DETAILS.transport) return 'errors.hostLost';
  // The core's message code with parameters (issue 18): words in the user's language, never the core's sentence.
  const code = messageCodeOf(error);
  if (code) return `codes.${code}`;
  // A job another process (fcom, the browser host, the app) runs: electron/core/jobs/job-leases.ts.
  if (error.code === 'CONFLICT' && details?.reason === 'job-owned') return 'errors.jobOwned';
  if (error.code === 'STORAGE' && typeof details?.fault === 'string' && STORAGE_FAULTS.has(details.fault)) {
    // A full disk says how much is left when the core measured it (files/file-errors.ts).
    if (details.fault === 'full' && typeof details.freeMb === 'number') return 'storageFault.fullFree';
    return `storageFault.${details.fault}`;
  }
  // Input over a bound (shared/domain/limits.ts): the bound and how far reading got, in the user's language.
  if (error.code === 'VALIDATION' && typeof details?.reason === 'string' && INPUT_LIMITS.has(details.reason)) {
    return `inputLimits.${details.reason}`;
  }
  // Cloud failures (details.source tuya/aliyun/cloud) have a sentence per kind: what happened, what to do.
  const cloudKind = cloudErrorKindOf(error.details);
  if (cloudKind) return `cloudErrors.${cloudKind}`;
  return `errors.${error.code}`;
}

/** The core's message code of an error (`details.messageCode`, e.g. `address.invalid`), if it has one. */
export function messageCodeOf(error: ErrorPayload): string | null {
  const details = error.details as { messageCode?: unknown } | undefined;
  return typeof details?.messageCode === 'string' && /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(details.messageCode)
    ? details.messageCode
    : null;
}

/** The interpolation values of an error's sentence: its details, the code's parameters, and the core's message. */
export function errorParams(error: ErrorPayload): Record<string, unknown> {
  const details = (error.details ?? {}) as { params?: unknown };
  const params = details.params && typeof details.params === 'object' ? details.params : {};
  return { ...(details as object), ...params, message: error.message };
}

/**
 * Shows the error of the current section in the user's language, with what to do next. An error that happened
 * in another section is not shown here (it stays with its action); a lost host connection shows everywhere.
 */
export function ErrorBanner() {
  const { t } = useTranslation();
  const error = useAppStore((s) =>
    s.error && (s.errorSection === null || s.errorSection === s.section) ? s.error : null,
  );
  const dismiss = useAppStore((s) => s.dismissError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <p>{t(errorMessageKey(error), errorParams(error))}</p>
      <button type="button" onClick={dismiss}>
        {t('errors.dismiss')}
      </button>
    </div>
  );
}
