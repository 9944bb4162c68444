import { useTranslation } from 'react-i18next';
import { cloudErrorKindOf } from '../../../shared/domain/cloud.ts';
import type { ErrorPayload } from '../../../shared/errors.ts';
import { HOST_LOST_DETAILS } from '../api/ws-client.ts';
import { useAppStore } from '../store/store-context.tsx';

/** Storage faults with a sentence of their own (electron/core/db/storage-errors.ts). */
const STORAGE_FAULTS = new Set(['full', 'locked', 'corrupt', 'readonly', 'io', 'other']);

/**
 * The translation key of an error: the lost host connection and each storage fault (disk full, database
 * locked, corrupt, read-only) have their own; every other error its code's.
 */
export function errorMessageKey(error: ErrorPayload): string {
  const details = error.details as { transport?: unknown; fault?: unknown } | undefined;
  if (error.code === 'NETWORK' && details?.transport === HOST_LOST_DETAILS.transport) return 'errors.hostLost';
  if (error.code === 'STORAGE' && typeof details?.fault === 'string' && STORAGE_FAULTS.has(details.fault)) {
    return `storageFault.${details.fault}`;
  }
  // Cloud failures (details.source tuya/aliyun/cloud) have a sentence per kind: what happened, what to do.
  const cloudKind = cloudErrorKindOf(error.details);
  if (cloudKind) return `cloudErrors.${cloudKind}`;
  return `errors.${error.code}`;
}

/** Shows the current error in the user's language, with what to do next. */
export function ErrorBanner() {
  const { t } = useTranslation();
  const error = useAppStore((s) => s.error);
  const dismiss = useAppStore((s) => s.dismissError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <p>{t(errorMessageKey(error), { message: error.message })}</p>
      <button type="button" onClick={dismiss}>
        {t('errors.dismiss')}
      </button>
    </div>
  );
}
