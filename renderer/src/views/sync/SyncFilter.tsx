import { useTranslation } from 'react-i18next';
import { OPERATION_STATES, type SyncCounts } from '../../../../shared/domain/sync.ts';
import type { SyncFilter as Filter } from '../../store/slices/sync-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';

/** The filters offered, in order: every operation, then one state each. */
const FILTERS: Filter[] = ['all', ...OPERATION_STATES];

function countOf(counts: SyncCounts | undefined, filter: Filter): number {
  if (!counts) return 0;
  return filter === 'all' ? Object.values(counts).reduce((a, b) => a + b, 0) : counts[filter];
}

/** Counts by state, as toggle buttons that filter the list. */
export function SyncFilter() {
  const { t } = useTranslation();
  const counts = useAppStore((s) => s.syncStatus?.counts);
  const current = useAppStore((s) => s.syncFilter);
  const setFilter = useAppStore((s) => s.setSyncFilter);
  return (
    <div className="outcome-filter sync-filter" role="group" aria-label={t('sync.counts')}>
      {FILTERS.map((filter) => (
        <button
          key={filter}
          type="button"
          className={`sync-filter-${filter}`}
          aria-pressed={current === filter}
          data-testid={`sync-filter-${filter}`}
          onClick={() => setFilter(filter)}
        >
          {t(`sync.filter.${filter}`, { count: countOf(counts, filter) })}
        </button>
      ))}
    </div>
  );
}
