import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CERTIFICATE_POLICY_NAMES, CertificatePolicySchema } from '../../../../shared/domain/permissions.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { SelectField } from '../settings/form-parts.tsx';

/** Mode (full / increment), certificate policy (1-4) and Push, for the selected channels. */
export function PushForm() {
  const { t } = useTranslation();
  const selected = useAppStore((s) => s.selectedChannels.length);
  const mode = useAppStore((s) => s.pushMode);
  const certificate = useAppStore((s) => s.pushCertificate);
  const setMode = useAppStore((s) => s.setPushMode);
  const setCertificate = useAppStore((s) => s.setPushCertificate);
  const start = useAppStore((s) => s.startPush);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (selected === 0) return;
    setBusy(true);
    await start();
    setBusy(false);
  };

  return (
    <form className="panel push-form" aria-label={t('permissions.push.title')} onSubmit={(e) => void submit(e)}>
      <h2>{t('permissions.push.title')}</h2>
      <fieldset className="radio-group">
        <legend>{t('permissions.push.mode')}</legend>
        {(['increment', 'full'] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" name="push-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(`permissions.push.${m}`)}
          </label>
        ))}
      </fieldset>
      <SelectField
        label={t('permissions.push.certificate')}
        value={certificate}
        onChange={(v) => setCertificate(CertificatePolicySchema.catch('card+face').parse(v))}
      >
        {CERTIFICATE_POLICY_NAMES.map((name) => (
          <option key={name} value={name}>
            {t(`permissions.push.certificates.${name}`)}
          </option>
        ))}
      </SelectField>
      <div className="tool-actions">
        <button type="submit" className="primary" disabled={busy || selected === 0}>
          {busy ? t('permissions.push.starting') : t('permissions.push.start')}
        </button>
        {selected === 0 && <span className="muted">{t('permissions.push.noSelection')}</span>}
      </div>
    </form>
  );
}
