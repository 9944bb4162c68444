import { useTranslation } from 'react-i18next';
import type { OutcomeCounts } from '../../../../shared/domain/removal.ts';
import { COUNT_KEYS, countOf, finishedOf, percentOf, totalOf } from '../../store/jobs/job-progress.ts';
import { formatCount } from '../devices/format.ts';

/**
 * A progress bar of a set of items (a job, or one terminal of it): the finished share, with the failed,
 * unconfirmed, cancelled and queued shares coloured apart, named by `label`, its value said in words
 * (`aria-valuetext`, which names the unconfirmed items when there are any).
 */
export function ProgressBar({ label, counts }: { label: string; counts: OutcomeCounts }) {
  const { t, i18n } = useTranslation();
  const total = totalOf(counts);
  const percent = percentOf(counts);
  const share = (value: number) => (total === 0 ? 0 : (value * 100) / total);
  const good = share(counts.removed + counts['already-absent']);
  const unconfirmed = countOf(counts, 'unconfirmed');
  const finished = {
    finished: formatCount(finishedOf(counts), i18n.language),
    total: formatCount(total, i18n.language),
  };
  const text =
    unconfirmed > 0
      ? t('jobs.progressTextUnconfirmed', { ...finished, unconfirmed: formatCount(unconfirmed, i18n.language) })
      : t('jobs.progressText', finished);
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
      <div className="progress-fill progress-unconfirmed" style={{ width: `${share(unconfirmed)}%` }} />
      <div className="progress-fill progress-cancelled" style={{ width: `${share(counts.cancelled)}%` }} />
      <div className="progress-fill progress-queued" style={{ width: `${share(counts.queued)}%` }} />
    </div>
  );
}

/**
 * The counts of a set of items in words: removed, already absent, failed, unconfirmed, queued, cancelled,
 * waiting (removed and failed always, the others when there are any).
 */
export function CountsLine({ counts }: { counts: OutcomeCounts }) {
  const { t, i18n } = useTranslation();
  const parts = COUNT_KEYS.filter((key) => countOf(counts, key) > 0 || key === 'removed' || key === 'failed').map(
    (key) => `${t(`jobs.outcome.${key}`)} ${formatCount(countOf(counts, key), i18n.language)}`,
  );
  return <span className="muted counts-line">{parts.join(' · ')}</span>;
}
