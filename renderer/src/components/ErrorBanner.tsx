import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store-context.tsx';

/** Shows the current error in the user's language, with what to do next. */
export function ErrorBanner() {
  const { t } = useTranslation();
  const error = useAppStore((s) => s.error);
  const dismiss = useAppStore((s) => s.dismissError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <p>{t(`errors.${error.code}`, { message: error.message })}</p>
      <button type="button" onClick={dismiss}>
        {t('errors.dismiss')}
      </button>
    </div>
  );
}
