import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { formatTime } from './format.ts';
import { ReportActions } from './ReportActions.tsx';

/** "Sync now", "Retry all that need attention" and the commissioning report (ReportActions.tsx). */
export function SyncToolbar({ onDiscardAll }: { onDiscardAll?: () => void }) {
  const { t, i18n } = useTranslation();
  const syncing = useAppStore((s) => s.syncing || (s.syncStatus?.syncing ?? false));
  const lastSyncAt = useAppStore((s) => s.syncStatus?.lastSyncAt ?? null);
  const attention = useAppStore((s) => s.syncStatus?.counts['needs-attention'] ?? 0);
  const syncNow = useAppStore((s) => s.syncNow);
  const retry = useAppStore((s) => s.retryOperations);

  return (
    <div className="sync-toolbar">
      <div className="tool-actions">
        <button type="button" className="primary" disabled={syncing} onClick={() => void syncNow()}>
          {syncing ? t('sync.syncing') : t('sync.now')}
        </button>
        {attention > 0 && (
          <button type="button" onClick={() => void retry('all')}>
            {t('sync.retryAll')}
          </button>
        )}
        {attention > 0 && onDiscardAll && (
          <button type="button" className="danger" onClick={onDiscardAll}>
            {t('sync.discardAll')}
          </button>
        )}
        <span className="muted">
          {lastSyncAt === null
            ? t('sync.neverSynced')
            : t('sync.lastSync', { time: formatTime(lastSyncAt, i18n.language) })}
        </span>
      </div>
      <ReportActions />
    </div>
  );
}
