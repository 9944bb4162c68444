import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import '../cloud.css';
import { PermissionBrowser } from './browser/PermissionBrowser.tsx';
import { PermissionsTabs } from './browser/PermissionsTabs.tsx';
import { ChannelPicker } from './ChannelPicker.tsx';
import { PushForm } from './PushForm.tsx';
import { PushHistory } from './PushHistory.tsx';
import { PushPanel } from './PushPanel.tsx';
import { TaskRecords } from './TaskRecords.tsx';

/**
 * The Permissions section: pick Tuya channels, choose full or incremental and the certificate policy, push;
 * then watch the push (every push listed, any one shown: progress, people sent and failed, each channel's task), open a task's per-credential
 * breakdown and per-person records, and retry what failed. The "Who has access" tab browses the cloud's
 * permissions (browser/).
 */
export function PermissionsView() {
  const { t } = useTranslation();
  const config = useAppStore((s) => s.cloudConfig);
  const loadConfig = useAppStore((s) => s.loadCloudConfig);
  const loadPush = useAppStore((s) => s.loadPush);
  const loadPushes = useAppStore((s) => s.loadPushes);
  const loadChannels = useAppStore((s) => s.loadChannels);
  const showSection = useAppStore((s) => s.showSection);
  const tab = useAppStore((s) => s.permissionsTab);
  const configured = config?.tuya.configured ?? null;

  useEffect(() => {
    void loadConfig();
  }, [loadConfig]);
  useEffect(() => {
    if (configured !== true) return;
    void loadPush();
    void loadPushes();
    void loadChannels();
  }, [configured, loadPush, loadPushes, loadChannels]);

  if (configured === null) return <p className="muted">{t('app.loading')}</p>;
  if (!configured) {
    return (
      <div className="empty-state">
        <h2>{t('permissions.notConfiguredTitle')}</h2>
        <p>{t('permissions.notConfigured')}</p>
        <button type="button" onClick={() => showSection('settings')}>
          {t('permissions.openSettings')}
        </button>
      </div>
    );
  }
  return (
    <>
      <PermissionsTabs />
      <div role="tabpanel" id={`permissions-panel-${tab}`} aria-labelledby={`permissions-tab-${tab}`}>
        {tab === 'browse' ? (
          <PermissionBrowser />
        ) : (
          <div className="permissions">
            <div className="permissions-top">
              <ChannelPicker />
              <PushForm />
            </div>
            <PushHistory />
            <PushPanel />
            <TaskRecords />
          </div>
        )}
      </div>
    </>
  );
}
