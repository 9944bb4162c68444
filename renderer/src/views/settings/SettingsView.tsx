import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import '../cloud.css';
import { AliyunSettingsForm } from './AliyunSettingsForm.tsx';
import { SiteDefaultsForm } from './SiteDefaultsForm.tsx';
import { TuyaSettingsForm } from './TuyaSettingsForm.tsx';

/**
 * The Settings section: the site default credentials per kind of terminal, then one form per cloud account
 * (Tuya, Alibaba Cloud), each with Test connection.
 */
export function SettingsView() {
  const { t } = useTranslation();
  const config = useAppStore((s) => s.cloudConfig);
  const load = useAppStore((s) => s.loadCloudConfig);
  useEffect(() => {
    void load();
  }, [load]);
  if (!config) return <p className="muted">{t('app.loading')}</p>;
  return (
    <div className="cloud-settings">
      <SiteDefaultsForm />
      <h2>{t('cloudSettings.accounts')}</h2>
      <p className="muted">{t('cloudSettings.intro')}</p>
      <TuyaSettingsForm config={config.tuya} />
      <AliyunSettingsForm config={config.aliyun} />
    </div>
  );
}
