import { useTranslation } from 'react-i18next';
import { LANGUAGES, LanguageSchema } from '../../../shared/domain/settings.ts';
import { useAppStore } from '../store/store-context.tsx';

/** Chooses the interface language; the choice is saved in the local database. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.settings?.language ?? 'en');
  const setLanguage = useAppStore((s) => s.setLanguage);
  return (
    <label className="language-switch">
      <span>{t('language.label')}</span>
      <select
        value={language}
        onChange={(event) => {
          const chosen = LanguageSchema.safeParse(event.target.value);
          if (chosen.success) void setLanguage(chosen.data);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
