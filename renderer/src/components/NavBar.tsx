import { useTranslation } from 'react-i18next';
import { SECTIONS } from '../store/sections.ts';
import { useAppStore } from '../store/store-context.tsx';

/** The list of sections; the current one is marked with aria-current. */
export function NavBar() {
  const { t } = useTranslation();
  const current = useAppStore((s) => s.section);
  const showSection = useAppStore((s) => s.showSection);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {SECTIONS.map((section) => (
          <li key={section}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === section ? 'page' : undefined}
              data-testid={`nav-${section}`}
              onClick={() => showSection(section)}
            >
              {t(`nav.${section}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
