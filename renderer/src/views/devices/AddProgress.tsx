import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';

/**
 * While "Add by address" runs: which address is tried and for how long (an unreachable one takes the probe
 * timeouts of every port), and a Cancel button (the core stops probing and saves nothing).
 */
export function AddProgress({ onCancelled }: { onCancelled: () => void }) {
  const { t } = useTranslation();
  const running = useAppStore((s) => s.addRequest);
  const cancel = useAppStore((s) => s.cancelAdd);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [running]);
  if (!running) return null;
  const seconds = Math.max(0, Math.floor((now - running.startedAt) / 1000));
  return (
    <div className="add-progress" data-testid="add-progress">
      <progress aria-label={t('deviceActions.add.trying', { address: running.address, seconds })} />
      <span role="status">{t('deviceActions.add.trying', { address: running.address, seconds })}</span>
      <button
        type="button"
        onClick={() => {
          onCancelled();
          void cancel();
        }}
      >
        {t('deviceActions.add.cancel')}
      </button>
    </div>
  );
}
