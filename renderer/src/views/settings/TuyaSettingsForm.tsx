import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TUYA_DATA_CENTRES, type CloudConfig } from '../../../../shared/domain/cloud.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { Field } from '../devices/Field.tsx';
import { SecretField, SelectField, TestConnection, wholeNumber } from './form-parts.tsx';

const OTHER = 'other';

/**
 * The Tuya cloud form: data centre (or another address), project, Access ID and Secret, the most requests per
 * second and how long a push follows a task; Save; Test connection.
 */
export function TuyaSettingsForm({ config }: { config: CloudConfig['tuya'] }) {
  const { t } = useTranslation();
  const save = useAppStore((s) => s.saveCloudConfig);
  const known = TUYA_DATA_CENTRES.find((c) => c.url === config.settings.baseUrl);
  const [centre, setCentre] = useState<string>(known?.id ?? OTHER);
  const [baseUrl, setBaseUrl] = useState(known ? '' : config.settings.baseUrl);
  const [projectId, setProjectId] = useState(config.settings.projectId);
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [rps, setRps] = useState(String(config.settings.requestsPerSecond));
  const [followLimit, setFollowLimit] = useState(String(config.settings.followLimitMinutes));
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const perSecond = wholeNumber(rps, 1, 50);
  const minutes = wholeNumber(followLimit, 1, 1440);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (perSecond === null || minutes === null) return;
    setState('saving');
    const url = TUYA_DATA_CENTRES.find((c) => c.id === centre)?.url ?? baseUrl.trim();
    const ok = await save({
      cloud: 'tuya',
      settings: {
        baseUrl: url,
        projectId: projectId.trim(),
        requestsPerSecond: perSecond,
        followLimitMinutes: minutes,
      },
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
      <div className="field-row">
        <Field
          label={t('cloudSettings.tuya.rps')}
          inputMode="numeric"
          value={rps}
          hint={t('cloudSettings.tuya.rpsHint')}
          problem={perSecond === null ? t('cloudSettings.wholeNumber', { min: 1, max: 50 }) : null}
          onChange={(e) => setRps(e.target.value)}
        />
        <Field
          label={t('cloudSettings.tuya.followLimit')}
          inputMode="numeric"
          value={followLimit}
          hint={t('cloudSettings.tuya.followLimitHint')}
          problem={minutes === null ? t('cloudSettings.wholeNumber', { min: 1, max: 1440 }) : null}
          onChange={(e) => setFollowLimit(e.target.value)}
        />
      </div>
      <div className="tool-actions">
        <button
          type="submit"
          className="primary"
          disabled={state === 'saving' || perSecond === null || minutes === null}
        >
          {state === 'saving' ? t('cloudSettings.saving') : t('cloudSettings.save')}
        </button>
        <span className="muted">{state === 'saved' ? t('cloudSettings.savedOk') : ''}</span>
        <TestConnection cloud="tuya" disabled={!config.configured} />
      </div>
    </form>
  );
}
