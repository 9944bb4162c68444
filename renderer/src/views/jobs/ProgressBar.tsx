import { useTranslation } from 'react-i18next';
import type { OutcomeCounts } from '../../../../shared/domain/removal.ts';
import { COUNT_KEYS, countOf, finishedOf, percentOf, succeededOf, totalOf } from '../../store/jobs/job-progress.ts';
import type { CountKey } from '../../store/jobs/job-progress.ts';
import { formatCount } from '../devices/format.ts';

/** The counts a push shows, in order (its channels end pushed, failed, queued, cancelled or not finished). */
const PUSH_COUNT_KEYS = ['done', 'failed', 'queued', 'cancelled', 'pending'] as const;

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
  const good = share(succeededOf(counts));
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
 * waiting (removed and failed always, the others when there are any). A push (`push`) in push words: pushed
 * and failed always, then queued, cancelled, waiting.
 */
export function CountsLine({ counts, push = false }: { counts: OutcomeCounts; push?: boolean }) {
  const { t, i18n } = useTranslation();
  const keys: readonly (CountKey | 'done')[] = push ? PUSH_COUNT_KEYS : COUNT_KEYS;
  const always = push ? ['done', 'failed'] : ['removed', 'failed'];
  const parts = keys
    .filter((key) => (counts[key] ?? 0) > 0 || always.includes(key))
    .map((key) => `${t(`jobs.outcome.${key}`)} ${formatCount(counts[key] ?? 0, i18n.language)}`);
  return <span className="muted counts-line">{parts.join(' · ')}</span>;
}
