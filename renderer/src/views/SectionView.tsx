import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store-context.tsx';
import { DevicesView } from './devices/DevicesView.tsx';

/**
 * The current section. Devices has its view; until a feature lands, every other section shows an empty
 * state that says what will appear there.
 */
export function SectionView() {
  const { t } = useTranslation();
  const section = useAppStore((s) => s.section);
  return (
    <main className="section" aria-labelledby="section-title" data-testid={`section-${section}`}>
      <h1 id="section-title">{t(`nav.${section}`)}</h1>
      {section === 'devices' ? (
        <DevicesView />
      ) : (
        <div className="empty-state">
          <h2>{t(`empty.${section}.title`)}</h2>
          <p>{t(`empty.${section}.body`)}</p>
        </div>
      )}
    </main>
  );
}
