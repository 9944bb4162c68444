import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALIYUN_HOSTS,
  AliyunUserTypeSchema,
  type AliyunUserType,
  type CloudConfig,
} from '../../../../shared/domain/cloud.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { Field } from '../devices/Field.tsx';
import { SecretField, SelectField, TestConnection, wholeNumber } from './form-parts.tsx';

const OTHER = 'other';

/**
 * The Alibaba Cloud form: gateway host, project, how to sign in (project credentials or a user token), the
 * AppKey / AppSecret / iotToken, and the removal defaults (user type, users per request, requests per second).
 */
export function AliyunSettingsForm({ config }: { config: CloudConfig['aliyun'] }) {
  const { t } = useTranslation();
  const save = useAppStore((s) => s.saveCloudConfig);
  const s = config.settings;
  const known = ALIYUN_HOSTS.find((h) => h.host === s.host);
  const [gateway, setGateway] = useState<string>(known?.id ?? OTHER);
  const [host, setHost] = useState(known ? '' : s.host);
  const [projectId, setProjectId] = useState(s.projectId);
  const [auth, setAuth] = useState(s.auth);
  const [userType, setUserType] = useState<AliyunUserType>(s.userType);
  const [batchSize, setBatchSize] = useState(String(s.batchSize));
  const [rps, setRps] = useState(String(s.requestsPerSecond));
  const [secrets, setSecrets] = useState({ appKey: '', appSecret: '', iotToken: '' });
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const batch = wholeNumber(batchSize, 1, 50);
  const perSecond = wholeNumber(rps, 1, 50);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (batch === null || perSecond === null) return;
    setState('saving');
    const typed = Object.fromEntries(
      Object.entries(secrets)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
    const ok = await save({
      cloud: 'aliyun',
      settings: {
        host: ALIYUN_HOSTS.find((h) => h.id === gateway)?.host ?? host.trim(),
        projectId: projectId.trim(),
        auth,
        userType,
        batchSize: batch,
        requestsPerSecond: perSecond,
      },
      secrets: typed,
    });
    setState(ok ? 'saved' : 'idle');
    if (ok) setSecrets({ appKey: '', appSecret: '', iotToken: '' });
  };
  const secret = (key: keyof typeof secrets) => (value: string) => setSecrets({ ...secrets, [key]: value });

  return (
    <form
      className="cloud-form"
      noValidate
      aria-label={t('cloudSettings.aliyun.title')}
      onSubmit={(e) => void submit(e)}
    >
      <h3>{t('cloudSettings.aliyun.title')}</h3>
      <p className="muted">{config.configured ? t('cloudSettings.configured') : t('cloudSettings.notConfigured')}</p>
      <div className="field-row">
        <SelectField label={t('cloudSettings.aliyun.gateway')} value={gateway} onChange={setGateway}>
          {ALIYUN_HOSTS.map((h) => (
            <option key={h.id} value={h.id}>
              {t(`cloudSettings.aliyun.hosts.${h.id}`)}
            </option>
          ))}
          <option value={OTHER}>{t('cloudSettings.aliyun.hosts.other')}</option>
        </SelectField>
        {gateway === OTHER && (
          <Field
            label={t('cloudSettings.aliyun.host')}
            value={host}
            autoComplete="off"
            onChange={(e) => setHost(e.target.value)}
          />
        )}
        <Field
          label={t('cloudSettings.aliyun.projectId')}
          value={projectId}
          autoComplete="off"
          onChange={(e) => setProjectId(e.target.value)}
        />
        <SelectField
          label={t('cloudSettings.aliyun.auth')}
          value={auth}
          onChange={(v) => setAuth(v === 'iotToken' ? 'iotToken' : 'project')}
        >
          <option value="project">{t('cloudSettings.aliyun.authProject')}</option>
          <option value="iotToken">{t('cloudSettings.aliyun.authIotToken')}</option>
        </SelectField>
      </div>
      <div className="field-row">
        <SecretField
          label={t('cloudSettings.aliyun.appKey')}
          saved={config.secrets.appKey}
          value={secrets.appKey}
          onChange={secret('appKey')}
        />
        <SecretField
          label={t('cloudSettings.aliyun.appSecret')}
          saved={config.secrets.appSecret}
          value={secrets.appSecret}
          onChange={secret('appSecret')}
        />
        {auth === 'iotToken' && (
          <SecretField
            label={t('cloudSettings.aliyun.iotToken')}
            saved={config.secrets.iotToken}
            value={secrets.iotToken}
            onChange={secret('iotToken')}
          />
        )}
      </div>
      <div className="field-row">
        <SelectField
          label={t('cloudSettings.aliyun.userType')}
          value={userType}
          onChange={(v) => setUserType(AliyunUserTypeSchema.catch('IDENTITY').parse(v))}
        >
          {AliyunUserTypeSchema.options.map((type) => (
            <option key={type} value={type}>
              {t(`cloudSettings.aliyun.userTypes.${type}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('cloudSettings.aliyun.batchSize')}
          inputMode="numeric"
          value={batchSize}
          hint={t('cloudSettings.aliyun.batchSizeHint')}
          problem={batch === null ? t('cloudSettings.wholeNumber', { min: 1, max: 50 }) : null}
          onChange={(e) => setBatchSize(e.target.value)}
        />
        <Field
          label={t('cloudSettings.aliyun.rps')}
          inputMode="numeric"
          value={rps}
          hint={t('cloudSettings.aliyun.rpsHint')}
          problem={perSecond === null ? t('cloudSettings.wholeNumber', { min: 1, max: 50 }) : null}
          onChange={(e) => setRps(e.target.value)}
        />
      </div>
      <div className="tool-actions">
        <button type="submit" className="primary" disabled={state === 'saving' || batch === null || perSecond === null}>
          {state === 'saving' ? t('cloudSettings.saving') : t('cloudSettings.save')}
        </button>
        <span className="muted">{state === 'saved' ? t('cloudSettings.savedOk') : ''}</span>
        <TestConnection cloud="aliyun" disabled={!config.configured} />
      </div>
    </form>
  );
}
