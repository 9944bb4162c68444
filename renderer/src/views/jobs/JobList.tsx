import { useTranslation } from 'react-i18next';
import type { JobSummary } from '../../../../shared/domain/removal.ts';
import { countOf, finishedOf, totalOf } from '../../store/jobs/job-progress.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatCount, formatLastSeen } from '../devices/format.ts';

/** What a job is called: the imported file's name, or what it removes; Alibaba Cloud jobs and Tuya pushes say so. */
export function useJobTitle(): (job: JobSummary) => string {
  const { t } = useTranslation();
  return (job) => {
    if (job.kind === 'permission-push') {
      return job.label === null
        ? t('jobs.untitledPush', { count: job.terminals })
        : t('jobs.pushLabelled', { label: job.label });
    }
    if (job.kind === 'aliyun-removal') {
      return job.label === null
        ? t('jobs.untitledAliyun', { count: job.total })
        : t('jobs.aliyunLabelled', { label: job.label });
    }
    return (
      job.label ?? (job.mode === 'faces-only' ? t('jobs.untitledFaces') : t('jobs.untitled', { count: job.total }))
    );
  };
}

/** Every journaled job (removals, Alibaba removals, Tuya pushes), newest first: title, when, state and counts (failed, unconfirmed, queued); the selected one is marked. */
export function JobList() {
  const { t, i18n } = useTranslation();
  const jobs = useAppStore((s) => s.jobList);
  const selected = useAppStore((s) => s.jobView?.jobId ?? null);
  const open = useAppStore((s) => s.openJob);
  const titleOf = useJobTitle();
  return (
    <section className="job-list" aria-label={t('jobs.list')}>
      <ul>
        {jobs.map((job) => {
          const title = titleOf(job);
          const finished = finishedOf(job.counts);
          return (
            <li key={job.id}>
              <button
                type="button"
                className="job-entry"
                aria-current={job.id === selected ? 'true' : undefined}
                data-testid="job-entry"
                data-kind={job.kind}
                onClick={() => void open(job.id)}
              >
                <span className="job-title cell" title={title}>
                  {title}
                </span>
                <span className="muted job-when">{formatLastSeen(job.createdAt, i18n.language)}</span>
                <span className={`job-state job-state-${job.state}`}>{t(`jobs.state.${job.state}`)}</span>
                <span className="muted">
                  {t('jobs.finished', {
                    finished: formatCount(finished, i18n.language),
                    total: formatCount(totalOf(job.counts), i18n.language),
                  })}
                  {job.counts.failed > 0 && ` · ${t('jobs.failedCount', { count: job.counts.failed })}`}
                  {countOf(job.counts, 'unconfirmed') > 0 &&
                    ` · ${t('jobs.unconfirmedCount', { count: countOf(job.counts, 'unconfirmed') })}`}
                  {job.counts.queued > 0 && ` · ${t('jobs.queuedCount', { count: job.counts.queued })}`}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
