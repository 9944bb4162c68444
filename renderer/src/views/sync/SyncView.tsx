import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { DiscardDialog, type DiscardRequest } from './DiscardDialog.tsx';
import { SyncFilter } from './SyncFilter.tsx';
import { SyncTable } from './SyncTable.tsx';
import { SyncTargets } from './SyncTargets.tsx';
import { SyncToolbar } from './SyncToolbar.tsx';

/**
 * The Sync queue section: counts by state (which filter the list), "Sync now", the report, the targets with
 * work and the clouds' connectivity, and every operation with its reason and actions (retry, fix the
 * credentials, discard after a confirmation). Kept live by `sync:changed`.
 */
export function SyncView() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.syncStatus);
  const filter = useAppStore((s) => s.syncFilter);
  const loadStatus = useAppStore((s) => s.loadSyncStatus);
  const setFilter = useAppStore((s) => s.setSyncFilter);
  const [discarding, setDiscarding] = useState<DiscardRequest | null>(null);

  useEffect(() => {
    void loadStatus();
    setFilter(filter);
    // Load once when the section opens; the filter buttons change it afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadStatus, setFilter]);

  if (!status) {
    return (
      <p className="muted" role="status">
        {t('sync.loading')}
      </p>
    );
  }
  const total = Object.values(status.counts).reduce((a, b) => a + b, 0);
  return (
    <div className="sync-view">
      <SyncToolbar onDiscardAll={() => setDiscarding('all-needs-attention')} />
      {total === 0 ? (
        <div className="empty-state">
          <h2>{t('empty.sync.title')}</h2>
          <p>{t('empty.sync.body')}</p>
        </div>
      ) : (
        <>
          <SyncFilter />
          <SyncTargets />
          <SyncTable onDiscard={setDiscarding} />
        </>
      )}
      {discarding && <DiscardDialog request={discarding} onClose={() => setDiscarding(null)} />}
    </div>
  );
}
