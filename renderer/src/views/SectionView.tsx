import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store-context.tsx';
import { DevicesView } from './devices/DevicesView.tsx';
import { JobsView } from './jobs/JobsView.tsx';
import { PermissionsView } from './permissions/PermissionsView.tsx';
import { RemoveView } from './remove/RemoveView.tsx';
import { SettingsView } from './settings/SettingsView.tsx';
import { SyncView } from './sync/SyncView.tsx';

/**
 * The current section. Sections with a view show it (Devices, Remove identities, Jobs, ...); until a
 * feature lands, a section shows an empty state that says what will appear there.
 */
export function SectionView() {
  const { t } = useTranslation();
  const section = useAppStore((s) => s.section);
  return (
    <main className="section" aria-labelledby="section-title" data-testid={`section-${section}`}>
      <h1 id="section-title">{t(`nav.${section}`)}</h1>
      {section === 'devices' ? (
        <DevicesView />
      ) : section === 'remove' ? (
        <RemoveView />
      ) : section === 'jobs' ? (
        <JobsView />
      ) : section === 'sync' ? (
        <SyncView />
      ) : section === 'permissions' ? (
        <PermissionsView />
      ) : section === 'settings' ? (
        <SettingsView />
      ) : (
        <div className="empty-state">
          {/* Every section has a view now; this stays for sections added later. */}
          <h2>{t(`empty.${section as string}.title`)}</h2>
          <p>{t(`empty.${section as string}.body`)}</p>
        </div>
      )}
    </main>
  );
}
