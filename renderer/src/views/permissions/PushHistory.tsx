import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { formatLastSeen } from '../devices/format.ts';

/**
 * Every push, newest first: when, how many channels, its state, and how many channels failed or wait. Choosing
 * one shows its tasks below (an earlier push's failures do not vanish when a new push starts: issue 18).
 */
export function PushHistory() {
  const { t, i18n } = useTranslation();
  const pushes = useAppStore((s) => s.pushes);
  const shown = useAppStore((s) => s.push?.jobId ?? null);
  const show = useAppStore((s) => s.showPush);
  if (pushes.length === 0) return null;
  return (
    <section className="panel push-history" aria-label={t('permissions.history.title')}>
      <h2>{t('permissions.history.title')}</h2>
      <ul>
        {pushes.map((push) => {
          const channels = t('jobs.pushChannels', { count: push.terminals });
          const parts = [
            t(`permissions.history.state.${push.state}`),
            push.counts.failed > 0 ? t('permissions.history.failed', { count: push.counts.failed }) : null,
            push.counts.queued > 0 ? t('permissions.history.queued', { count: push.counts.queued }) : null,
          ].filter((part): part is string => part !== null);
          return (
            <li key={push.id}>
              <button
                type="button"
                className="job-entry"
                aria-current={push.id === shown ? 'true' : undefined}
                aria-label={`${t('permissions.history.open')}: ${formatLastSeen(push.createdAt, i18n.language)} · ${channels}`}
                data-testid="push-entry"
                onClick={() => void show(push.id)}
              >
                <span>{formatLastSeen(push.createdAt, i18n.language)}</span>
                <span>{push.label ?? channels}</span>
                <span className={`job-state job-state-${push.state}`}>{parts.join(' · ')}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
