import { useTranslation } from 'react-i18next';
import type { OutcomeCounts } from '../../../../shared/domain/removal.ts';
import { finishedOf, percentOf, totalOf } from '../../store/jobs/job-progress.ts';
import { formatCount } from '../devices/format.ts';

/**
 * A progress bar of a set of items (a job, or one terminal of it): the finished share, with the failed
 * and queued shares coloured, named by `label`, its value said in words (`aria-valuetext`).
 */
export function ProgressBar({ label, counts }: { label: string; counts: OutcomeCounts }) {
  const { t, i18n } = useTranslation();
  const total = totalOf(counts);
  const percent = percentOf(counts);
  const share = (value: number) => (total === 0 ? 0 : (value * 100) / total);
  const good = share(counts.removed + counts['already-absent']);
  const text = t('jobs.progressText', {
    finished: formatCount(finishedOf(counts), i18n.language),
    total: formatCount(total, i18n.language),
  });
  return (
    <div
      role="progressbar"
      className="progress job-progress"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={text}
    >
      <div className="progress-fill" style={{ width: `${good}%` }} />
      <div className="progress-fill progress-failed" style={{ width: `${share(counts.failed)}%` }} />
      <div className="progress-fill progress-cancelled" style={{ width: `${share(counts.cancelled)}%` }} />
      <div className="progress-fill progress-queued" style={{ width: `${share(counts.queued)}%` }} />
    </div>
  );
}

/** The counts of a set of items in words: removed, already absent, failed, queued, cancelled, waiting. */
export function CountsLine({ counts }: { counts: OutcomeCounts }) {
  const { t, i18n } = useTranslation();
  const parts = (['removed', 'already-absent', 'failed', 'queued', 'cancelled', 'pending'] as const)
    .filter((key) => counts[key] > 0 || key === 'removed' || key === 'failed')
    .map((key) => `${t(`jobs.outcome.${key}`)} ${formatCount(counts[key], i18n.language)}`);
  return <span className="muted counts-line">{parts.join(' · ')}</span>;
}
