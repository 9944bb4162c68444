import { useTranslation } from 'react-i18next';
import type { ItemFilter, OutcomeCounts } from '../../../../shared/domain/removal.ts';
import { totalOf } from '../../store/jobs/job-progress.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatCount } from '../devices/format.ts';

/** The filters offered, in order; null shows every item. */
const FILTERS: (ItemFilter | null)[] = [
  null,
  'removed',
  'already-absent',
  'failed',
  'unconfirmed',
  'queued',
  'cancelled',
  'pending',
];

/** Toggle buttons that filter the results table by outcome (unconfirmed apart), each with its count. */
export function OutcomeFilter({ counts }: { counts: OutcomeCounts }) {
  const { t, i18n } = useTranslation();
  const current = useAppStore((s) => s.jobView?.filter ?? null);
  const setFilter = useAppStore((s) => s.setJobFilter);
  return (
    <div className="outcome-filter" role="group" aria-label={t('jobs.filter')}>
      {FILTERS.map((filter) => {
        const count = filter === null ? totalOf(counts) : (counts[filter] ?? 0);
        return (
          <button
            key={filter ?? 'all'}
            type="button"
            aria-pressed={current === filter}
            title={filter === 'unconfirmed' ? t('jobs.unconfirmedHint') : undefined}
            onClick={() => void setFilter(filter)}
          >
            {filter === null ? t('jobs.all') : t(`jobs.outcome.${filter}`)}{' '}
            <span className="filter-count">{formatCount(count, i18n.language)}</span>
          </button>
        );
      })}
    </div>
  );
}
