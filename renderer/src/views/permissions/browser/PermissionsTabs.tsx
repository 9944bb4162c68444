import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../store/store-context.tsx';
import './browser.css';

const TABS = ['push', 'browse'] as const;

/** The tabs of the Permissions section: Push (channels, pushes, tasks) and Who has access (the browser). */
export function PermissionsTabs() {
  const { t } = useTranslation();
  const tab = useAppStore((s) => s.permissionsTab);
  const setTab = useAppStore((s) => s.setPermissionsTab);
  return (
    <div role="tablist" className="permissions-tabs" aria-label={t('permBrowser.tabs.label')}>
      {TABS.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          id={`permissions-tab-${name}`}
          aria-selected={tab === name}
          aria-controls={`permissions-panel-${name}`}
          onClick={() => setTab(name)}
        >
          {t(`permBrowser.tabs.${name}`)}
        </button>
      ))}
    </div>
  );
}
