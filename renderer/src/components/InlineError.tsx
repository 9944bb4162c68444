import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store-context.tsx';
import { errorMessageKey, errorParams } from './ErrorBanner.tsx';

/**
 * The error of one action, shown beside it (a form, the bulk bar, a terminal's label) in the user's language,
 * with a Dismiss button; the action's next success clears it too (errors-slice `clearErrorIn`).
 */
export function InlineError({ scope }: { scope: string }) {
  const { t } = useTranslation();
  const error = useAppStore((s) => s.scopedErrors[scope]);
  const clear = useAppStore((s) => s.clearErrorIn);
  if (!error) return null;
  return (
    <div className="inline-error" role="alert" data-testid={`error-${scope}`}>
      <span>{t(errorMessageKey(error), errorParams(error))}</span>
      <button type="button" className="link-button" onClick={() => clear(scope)}>
        {t('errors.dismiss')}
      </button>
    </div>
  );
}
