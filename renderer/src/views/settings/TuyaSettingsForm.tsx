import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TUYA_DATA_CENTRES, type CloudConfig } from '../../../../shared/domain/cloud.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { Field } from '../devices/Field.tsx';
import { SecretField, SelectField, TestConnection } from './form-parts.tsx';

const OTHER = 'other';

/** The Tuya cloud form: data centre (or another address), project, Access ID and Secret; Save; Test connection. */
export function TuyaSettingsForm({ config }: { config: CloudConfig['tuya'] }) {
  const { t } = useTranslation();
  const save = useAppStore((s) => s.saveCloudConfig);
  const known = TUYA_DATA_CENTRES.find((c) => c.url === config.settings.baseUrl);
  const [centre, setCentre] = useState<string>(known?.id ?? OTHER);
  const [baseUrl, setBaseUrl] = useState(known ? '' : config.settings.baseUrl);
  const [projectId, setProjectId] = useState(config.settings.projectId);
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState('saving');
    const url = TUYA_DATA_CENTRES.find((c) => c.id === centre)?.url ?? baseUrl.trim();
    const ok = await save({
      cloud: 'tuya',
      settings: { baseUrl: url, projectId: projectId.trim() },
      secrets: {
        ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
        ...(clientSecret.trim() ? { clientSecret: clientSecret.trim() } : {}),
      },
    });
    setState(ok ? 'saved' : 'idle');
    if (ok) {
      setClientId('');
      setClientSecret('');
    }
  };

  return (
    <form className="cloud-form" noValidate aria-label={t('cloudSettings.tuya.title')} onSubmit={(e) => void submit(e)}>
      <h3>{t('cloudSettings.tuya.title')}</h3>
      <p className="muted" data-testid="tuya-configured">
        {config.configured ? t('cloudSettings.configured') : t('cloudSettings.notConfigured')}
      </p>
      <div className="field-row">
        <SelectField label={t('cloudSettings.tuya.dataCentre')} value={centre} onChange={setCentre}>
          {TUYA_DATA_CENTRES.map((c) => (
            <option key={c.id} value={c.id}>
              {t(`cloudSettings.tuya.centre.${c.id}`)}
            </option>
          ))}
          <option value={OTHER}>{t('cloudSettings.tuya.centre.other')}</option>
        </SelectField>
        {centre === OTHER && (
          <Field
            label={t('cloudSettings.tuya.baseUrl')}
            hint={t('cloudSettings.tuya.baseUrlHint')}
            value={baseUrl}
            autoComplete="off"
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        )}
        <Field
          label={t('cloudSettings.tuya.projectId')}
          value={projectId}
          autoComplete="off"
          onChange={(e) => setProjectId(e.target.value)}
        />
      </div>
      <div className="field-row">
        <SecretField
          label={t('cloudSettings.tuya.clientId')}
          saved={config.secrets.clientId}
          value={clientId}
          onChange={setClientId}
        />
        <SecretField
          label={t('cloudSettings.tuya.clientSecret')}
          saved={config.secrets.clientSecret}
          value={clientSecret}
          onChange={setClientSecret}
        />
      </div>
      <div className="tool-actions">
        <button type="submit" className="primary" disabled={state === 'saving'}>
          {state === 'saving' ? t('cloudSettings.saving') : t('cloudSettings.save')}
        </button>
        <span className="muted">{state === 'saved' ? t('cloudSettings.savedOk') : ''}</span>
        <TestConnection cloud="tuya" disabled={!config.configured} />
      </div>
    </form>
  );
}
