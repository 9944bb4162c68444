import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, JobSummary } from '../../../../shared/domain/removal.ts';
import { countOf, retryableOf } from '../../store/jobs/job-progress.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { saveNotice } from './download.ts';

const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
};

/**
 * What can be done with a job: pause, resume (or try the queued items now), cancel, retry the failed items (and
 * settle the unconfirmed ones: their terminal is read first, nothing is sent blindly),
 * and export the results as CSV or JSON (the Save dialog in the desktop app, a download in the browser). Says
 * what the last action did.
 */
export function JobActions({ job }: { job: JobSummary }) {
  const { t } = useTranslation();
  const pause = useAppStore((s) => s.pauseJob);
  const resume = useAppStore((s) => s.resumeJob);
  const tryQueued = useAppStore((s) => s.tryQueuedNow);
  const cancel = useAppStore((s) => s.cancelJob);
  const retry = useAppStore((s) => s.retryFailedItems);
  const exportReport = useAppStore((s) => s.exportJobReport);
  const saveFile = useAppStore((s) => s.saveFile);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  const unconfirmed = countOf(job.counts, 'unconfirmed');
  const retryable = retryableOf(job.counts);
  const run = async (work: () => Promise<string | void>) => {
    setBusy(true);
    try {
      setNotice((await work()) ?? '');
    } finally {
      setBusy(false);
    }
  };
  const retryFailed = async () => {
    const retried = await retry();
    if (retried === null) return '';
    return unconfirmed > 0
      ? t('jobs.actions.retriedUnconfirmed', { count: retried })
      : t('jobs.actions.retried', { count: retried });
  };
  const save = async (format: ExportFormat) => {
    const report = await exportReport(format);
    if (!report) return '';
    const saved = await saveFile({ fileName: report.fileName, content: report.content, type: EXPORT_TYPES[format] });
    return saveNotice(t, saved, (where) => t('jobs.actions.exported', { count: report.items, name: where }));
  };

  const open = job.state !== 'done' && job.state !== 'cancelled';
  const waiting = job.state === 'running' && job.counts.queued > 0;
  return (
    <div className="job-actions">
      <div className="tool-actions" role="group" aria-label={t('jobs.actions.label')}>
        {job.state === 'running' && (
          <button type="button" disabled={busy} onClick={() => void run(pause)}>
            {t('jobs.actions.pause')}
          </button>
        )}
        {(job.state === 'paused' || job.state === 'failed' || waiting) && (
          <button type="button" disabled={busy} onClick={() => void run(waiting ? tryQueued : resume)}>
            {waiting ? t('jobs.actions.tryQueued') : t('jobs.actions.resume')}
          </button>
        )}
        <button
          type="button"
          className="primary"
          disabled={busy || retryable === 0}
          title={unconfirmed > 0 ? t('jobs.actions.retryUnconfirmedHint') : undefined}
          onClick={() => void run(retryFailed)}
        >
          {unconfirmed > 0
            ? t('jobs.actions.retryUnconfirmed', { count: retryable })
            : t('jobs.actions.retry', { count: job.counts.failed })}
        </button>
        {open && (
          <button type="button" className="danger" disabled={busy} onClick={() => void run(cancel)}>
            {t('jobs.actions.cancel')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" disabled={busy} onClick={() => void run(() => save('csv'))}>
          {t('jobs.actions.exportCsv')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => save('json'))}>
          {t('jobs.actions.exportJson')}
        </button>
      </div>
      <p className="muted notice" role="status" data-testid="job-notice">
        {notice}
      </p>
    </div>
  );
}
