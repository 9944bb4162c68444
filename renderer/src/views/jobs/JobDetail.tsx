import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { allGone, countOf } from '../../store/jobs/job-progress.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatLastSeen } from '../devices/format.ts';
import { JobActions } from './JobActions.tsx';
import { useJobTitle } from './JobList.tsx';
import { JobResultsTable } from './JobResultsTable.tsx';
import { OutcomeFilter } from './OutcomeFilter.tsx';
import { PushJobDetail } from './PushJobDetail.tsx';
import { CountsLine, ProgressBar } from './ProgressBar.tsx';
import { TerminalProgressList } from './TerminalProgressList.tsx';

/**
 * The selected job, whatever its kind (a removal: terminals and items; an Alibaba removal: users × devices or
 * spaces; a Tuya push: channels, tasks and failures): title, state and overall progress (live from `jobs:progress`), what unconfirmed items
 * mean when there are any, its actions, progress per terminal, and the results filtered by outcome.
 */
export function JobDetail() {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const jobId = useAppStore((s) => s.jobView?.jobId ?? null);
  const job = useAppStore((s) => s.jobList.find((entry) => entry.id === s.jobView?.jobId));
  const terminals = useAppStore((s) => s.jobView?.terminals ?? null);
  const pushMode = useAppStore((s) => (s.jobPush?.jobId === jobId ? s.jobPush.mode : null));
  const titleOf = useJobTitle();
  if (jobId === null || !job || terminals === null) return null;
  const title = titleOf(job);
  const cloud = job.kind === 'aliyun-removal';
  const push = job.kind === 'permission-push';
  const mode = push
    ? t('jobs.pushMode', { mode: pushMode ? t(`permissions.tasks.modes.${pushMode}`) : '' })
    : cloud
      ? t('jobs.aliyunMode')
      : job.mode === 'faces-only'
        ? t('jobs.modeFaces')
        : t('jobs.modePeople');
  return (
    <section className="job-detail" aria-labelledby={headingId} data-testid="job-detail">
      <header className="detail-header">
        <h2 id={headingId} title={title}>
          {title}
        </h2>
        <span className={`job-state job-state-${job.state}`} data-testid="job-state">
          {t(`jobs.state.${job.state}`)}
        </span>
      </header>
      <p className="muted job-meta">
        {[
          mode,
          push
            ? t('jobs.pushChannels', { count: job.terminals })
            : cloud
              ? t('jobs.scopes', { count: job.terminals })
              : t('jobs.terminals', { count: job.terminals }),
          formatLastSeen(job.createdAt, i18n.language),
          job.verify
            ? t('jobs.verifying', { verified: job.verified, count: job.counts.removed })
            : cloud || push
              ? null
              : t('jobs.notVerifying'),
        ]
          .filter((part) => part !== null)
          .join(' · ')}
      </p>
      {job.error && <p className="field-problem">{t('jobs.error', { message: job.error })}</p>}
      <ProgressBar label={t('jobs.overall')} counts={job.counts} />
      <p className="job-counts" data-testid="job-counts">
        <CountsLine counts={job.counts} push={push} />
        {allGone(job.counts) && <span className="all-gone">{t('jobs.allGone')}</span>}
      </p>
      {countOf(job.counts, 'unconfirmed') > 0 && (
        <p className="unconfirmed-note" data-testid="unconfirmed-note">
          {t('jobs.unconfirmedNote', { count: countOf(job.counts, 'unconfirmed') })}
        </p>
      )}
      <JobActions job={job} />
      {push ? (
        <PushJobDetail />
      ) : (
        <>
          <TerminalProgressList terminals={terminals} cloud={cloud} />
          <section className="job-results" aria-label={cloud ? t('jobs.aliyunDetail') : t('jobs.results.title')}>
            <h3>{cloud ? t('jobs.aliyunDetail') : t('jobs.results.title')}</h3>
            <OutcomeFilter counts={job.counts} />
            <JobResultsTable cloud={cloud} />
          </section>
        </>
      )}
    </section>
  );
}
