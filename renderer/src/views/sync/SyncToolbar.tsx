import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportFormat } from '../../../../shared/domain/report.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { saveNotice } from '../jobs/download.ts';
import { formatTime } from './format.ts';

const TYPES: Record<ReportFormat, string> = { html: 'text/html;charset=utf-8', csv: 'text/csv;charset=utf-8' };
const FILTERS: Record<ReportFormat, { name: string; extensions: string[] }> = {
  html: { name: 'HTML', extensions: ['html'] },
  csv: { name: 'CSV', extensions: ['csv'] },
};

/** "Sync now", "Retry all that need attention" and the commissioning report (HTML or CSV). */
export function SyncToolbar({ onDiscardAll }: { onDiscardAll?: () => void }) {
  const { t, i18n } = useTranslation();
  const syncing = useAppStore((s) => s.syncing || (s.syncStatus?.syncing ?? false));
  const lastSyncAt = useAppStore((s) => s.syncStatus?.lastSyncAt ?? null);
  const attention = useAppStore((s) => s.syncStatus?.counts['needs-attention'] ?? 0);
  const syncNow = useAppStore((s) => s.syncNow);
  const retry = useAppStore((s) => s.retryOperations);
  const build = useAppStore((s) => s.buildReport);
  const saveFile = useAppStore((s) => s.saveFile);
  const [message, setMessage] = useState<string | null>(null);
  const [building, setBuilding] = useState(false);

  const report = async (format: ReportFormat): Promise<void> => {
    setBuilding(true);
    setMessage(t('sync.report.building'));
    const built = await build(format);
    if (!built) {
      setBuilding(false);
      setMessage(null);
      return;
    }
    const file = { fileName: built.fileName, content: built.content, type: TYPES[format], filters: [FILTERS[format]] };
    const saved = await saveFile(file);
    setBuilding(false);
    setMessage(
      saveNotice(t, saved, (where) => t('sync.report.saved', { file: where, count: built.operations })) || null,
    );
  };

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
      <div className="tool-actions" role="group" aria-label={t('sync.report.label')}>
        <button type="button" disabled={building} onClick={() => void report('html')}>
          {t('sync.report.html')}
        </button>
        <button type="button" disabled={building} onClick={() => void report('csv')}>
          {t('sync.report.csv')}
        </button>
        {message && (
          <span className="muted" role="status">
            {message}
          </span>
        )}
      </div>
    </div>
  );
}
