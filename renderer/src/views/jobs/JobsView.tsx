import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { JobDetail } from './JobDetail.tsx';
import { JobList } from './JobList.tsx';

/**
 * The Jobs section: the removal jobs (newest first, counts kept live by `jobs:progress`) and the selected
 * one's progress and results. Opens the newest job when none is selected; an empty state when there is none.
 */
export function JobsView() {
  const { t } = useTranslation();
  const loaded = useAppStore((s) => s.jobsLoaded);
  const count = useAppStore((s) => s.jobList.length);
  const newest = useAppStore((s) => s.jobList[0]?.id ?? null);
  const selected = useAppStore((s) => s.jobView?.jobId ?? null);
  const load = useAppStore((s) => s.loadJobs);
  const open = useAppStore((s) => s.openJob);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (selected === null && newest !== null) void open(newest);
  }, [selected, newest, open]);

  if (!loaded && count === 0) {
    return (
      <p className="muted" role="status">
        {t('jobs.loading')}
      </p>
    );
  }
  if (count === 0) {
    return (
      <div className="empty-state">
        <h2>{t('empty.jobs.title')}</h2>
        <p>{t('empty.jobs.body')}</p>
      </div>
    );
  }
  return (
    <div className="jobs-layout">
      <JobList />
      <JobDetail />
    </div>
  );
}
