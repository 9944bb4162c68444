import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';

/** "Forget terminal", asking first in place (no browser dialog). */
export function ForgetTerminal({ serial, name }: { serial: string; name: string }) {
  const { t } = useTranslation();
  const forget = useAppStore((s) => s.forgetTerminal);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!confirming) {
    return (
      <div className="detail-block">
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t('devices.detail.forget')}
        </button>
      </div>
    );
  }
  return (
    <div className="detail-block confirm" role="group" aria-label={t('devices.detail.forget')}>
      <p className="confirm-text">{t('devices.detail.forgetConfirm', { name })}</p>
      <div className="tool-actions">
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void forget(serial).finally(() => setBusy(false));
          }}
        >
          {t('devices.detail.forgetYes')}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          {t('devices.detail.forgetNo')}
        </button>
      </div>
    </div>
  );
}
