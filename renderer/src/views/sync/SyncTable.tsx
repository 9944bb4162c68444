import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { useVirtualRows } from '../use-virtual-rows.ts';
import type { DiscardRequest } from './DiscardDialog.tsx';
import { SYNC_COLUMNS, SyncRow } from './SyncRow.tsx';

/** Height of one row in pixels (CSS `.sync-row` uses the same). */
const ROW_HEIGHT = 44;

/** Height of the header row in pixels. */
const HEADER_HEIGHT = 36;

/**
 * The operations of the current filter: only the rows in view are rendered (`useVirtualRows`), and
 * the pages they fall in are read through `sync:list` as they scroll into view (and again when the queue
 * changes). ARIA table roles keep it a table for assistive technology and tests.
 */
export function SyncTable({ onDiscard }: { onDiscard(request: DiscardRequest): void }) {
  const { t } = useTranslation();
  const matching = useAppStore((s) => s.syncMatching);
  const loaded = useAppStore((s) => s.syncLoaded);
  const ensureRows = useAppStore((s) => s.ensureSyncRows);
  const { scrollRef, totalSize, rows, first, last } = useVirtualRows(matching, ROW_HEIGHT, HEADER_HEIGHT);

  useEffect(() => {
    if (matching > 0) ensureRows(first, last);
  }, [first, last, matching, ensureRows]);

  return (
    <>
      <div
        ref={scrollRef}
        className="sync-table"
        role="table"
        aria-label={t('sync.table')}
        aria-rowcount={matching + 1}
        data-testid="sync-table"
      >
        <div role="rowgroup" className="sync-table-head">
          <div role="row" aria-rowindex={1} className="sync-row sync-row-head">
            {SYNC_COLUMNS.map((column) => (
              <div key={column} role="columnheader" className="cell">
                {t(`sync.column.${column}`)}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="sync-table-body" style={{ height: totalSize }}>
          {rows.map((row) => (
            <SyncRow key={row.key} index={row.index} onDiscard={onDiscard} top={row.top} />
          ))}
        </div>
      </div>
      {loaded && matching === 0 && <p className="muted empty-results">{t('sync.empty')}</p>}
    </>
  );
}
