import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store-context.tsx';
import { queueCountsOf } from '../store/sync/queue-counts.ts';

/**
 * The bottom bar: site adapter(s), cloud reachability, and the sync queue's badge (queued operations, and
 * those needing attention) that opens the Sync queue.
 */
export function StatusBar() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.status);
  const showSection = useAppStore((s) => s.showSection);
  // The same counts as the Sync view's filters (one source).
  const counts = useAppStore(useShallow(queueCountsOf));
  if (!status) return <footer className="status-bar" role="status" aria-label={t('status.label')} />;
  const names = status.siteAdapters.map((a) => `${a.name} (${a.address})`).join(', ');
  return (
    <footer className="status-bar" role="status" aria-label={t('status.label')} data-testid="status-bar">
      <span data-testid="status-adapters">{names ? t('status.adapters', { names }) : t('status.noAdapter')}</span>
      <span data-testid="status-cloud" data-state={status.cloud}>
        {t(`status.cloud.${status.cloud}`)}
      </span>
      <button
        type="button"
        className="status-queue"
        data-testid="status-sync"
        aria-label={t('sync.badge.label', { queued: counts.queued, attention: counts.attention })}
        onClick={() => showSection('sync')}
      >
        <span data-testid="status-queued" className={counts.queued > 0 ? 'badge badge-warn' : 'badge'}>
          {t('status.queued', { count: counts.queued })}
        </span>
        {counts.attention > 0 && (
          <span data-testid="status-attention" className="badge badge-danger">
            {t('sync.badge.attention', { count: counts.attention })}
          </span>
        )}
      </button>
    </footer>
  );
}
