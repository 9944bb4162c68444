import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import '../cloud.css';
import { ChannelPicker } from './ChannelPicker.tsx';
import { PushForm } from './PushForm.tsx';
import { PushPanel } from './PushPanel.tsx';
import { TaskRecords } from './TaskRecords.tsx';

/**
 * The Permissions section: pick Tuya channels, choose full or incremental and the certificate policy, push;
 * then watch the push (progress, people sent and failed, each channel's task), open a task's per-credential
 * breakdown and per-person records, and retry what failed.
 */
export function PermissionsView() {
  const { t } = useTranslation();
  const config = useAppStore((s) => s.cloudConfig);
  const loadConfig = useAppStore((s) => s.loadCloudConfig);
  const loadPush = useAppStore((s) => s.loadPush);
  const loadChannels = useAppStore((s) => s.loadChannels);
  const showSection = useAppStore((s) => s.showSection);
  const configured = config?.tuya.configured ?? null;

  useEffect(() => {
    void loadConfig();
  }, [loadConfig]);
  useEffect(() => {
    if (configured !== true) return;
    void loadPush();
    void loadChannels();
  }, [configured, loadPush, loadChannels]);

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
    <div className="permissions">
      <div className="permissions-top">
        <ChannelPicker />
        <PushForm />
      </div>
      <PushPanel />
      <TaskRecords />
    </div>
  );
}
