import { useTranslation } from 'react-i18next';
import type { ErrorPayload } from '../../../shared/errors.ts';
import { HOST_LOST_DETAILS } from '../api/ws-client.ts';
import { useAppStore } from '../store/store-context.tsx';

/** The translation key of an error: the lost host connection has its own; every other error its code's. */
export function errorMessageKey(error: ErrorPayload): string {
  const details = error.details as { transport?: unknown } | undefined;
  return error.code === 'NETWORK' && details?.transport === HOST_LOST_DETAILS.transport
    ? 'errors.hostLost'
    : `errors.${error.code}`;
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
