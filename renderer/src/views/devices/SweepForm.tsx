import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isJobActive } from '../../store/slices/discovery-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { Field } from './Field.tsx';

/**
 * "Sweep subnet": a CIDR (at most /22, the core checks), Start, a progress bar with its counts, Cancel.
 * The progress follows the `jobs:progress` events of the sweep.
 */
export function SweepForm() {
  const { t } = useTranslation();
  const sweep = useAppStore((s) => s.sweep);
  const startSweep = useAppStore((s) => s.startSweep);
  const cancelSweep = useAppStore((s) => s.cancelSweep);
  const [cidr, setCidr] = useState('');
  const [empty, setEmpty] = useState(false);
  const [starting, setStarting] = useState(false);
  const active = isJobActive(sweep);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = cidr.trim();
    setEmpty(typed === '');
    if (typed === '') return;
    setStarting(true);
    try {
      await startSweep(typed);
    } finally {
      setStarting(false);
    }
  };

  const percent = sweep ? Math.round(sweep.value * 100) : 0;
  const counts = sweep
    ? t('devices.sweep.counts', { done: sweep.done, total: sweep.total, count: sweep.counts.found ?? 0 })
    : '';

  return (
    <form className="tool-card" noValidate aria-label={t('devices.sweep.legend')} onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('devices.sweep.legend')}</legend>
        <Field
          label={t('devices.sweep.cidr')}
          value={cidr}
          autoComplete="off"
          spellCheck={false}
          placeholder="192.168.1.0/24"
          problem={empty ? t('devices.sweep.cidrRequired') : null}
          onChange={(event) => setCidr(event.target.value)}
        />
        <div className="tool-actions">
          <button type="submit" className="primary" disabled={starting || active}>
            {t('devices.sweep.start')}
          </button>
          <button type="button" disabled={!active} onClick={() => void cancelSweep()}>
            {t('devices.sweep.cancel')}
          </button>
        </div>
        {sweep && (
          <div className="sweep-progress" data-testid="sweep-progress">
            <div
              role="progressbar"
              className="progress"
              aria-label={t('devices.sweep.progress')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={counts}
            >
              <div className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
            <p className="muted" role="status">
              {t(`devices.sweep.state.${sweep.state}`, { error: sweep.error ?? '' })} · {counts}
            </p>
          </div>
        )}
      </fieldset>
    </form>
  );
}
