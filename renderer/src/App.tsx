import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { LanguageSwitch } from './components/LanguageSwitch.tsx';
import { NavBar } from './components/NavBar.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { SectionView } from './views/SectionView.tsx';
import { useAppStore } from './store/store-context.tsx';

/** The app shell: header, navigation, current section, status bar. Follows the saved language. */
export function App() {
  const { t, i18n } = useTranslation();
  const language = useAppStore((s) => s.settings?.language);

  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
    if (language) document.documentElement.lang = language;
  }, [language, i18n]);

  useEffect(() => {
    document.title = t('app.title');
  }, [t, language]);

  return (
    <div className="shell">
      <header className="header">
        <span className="brand">{t('app.title')}</span>
        <LanguageSwitch />
      </header>
      <NavBar />
      <div className="content">
        <ErrorBanner />
        <SectionView />
      </div>
      <StatusBar />
    </div>
  );
}
