import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PushTasks } from '../../../../shared/domain/permissions.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatCount } from '../devices/format.ts';
import { PushChannelsTable } from './PushChannelsTable.tsx';
import { pushTone } from './push-why.ts';

/** Channels finished, the share done (running tasks count by their own progress), people sent and failed. */
export function pushFigures(push: PushTasks) {
  const total = push.channels.length;
  const finished = push.channels.filter((c) => c.outcome !== null && c.outcome !== 'queued').length;
  const partial = push.channels
    .filter((c) => c.outcome === null)
    .reduce(
      (sum, c) => sum + (c.tasks.length > 0 ? c.tasks.reduce((p, t) => p + t.progress, 0) / c.tasks.length : 0),
      0,
    );
  const tasks = push.channels.flatMap((c) => c.tasks);
  return {
    total,
    finished,
    percent: total === 0 ? 100 : Math.round(((finished + partial) * 100) / total),
    people: tasks.reduce((n, t) => n + t.total, 0),
    sent: tasks.reduce((n, t) => n + t.succeeded, 0),
    failed: tasks.reduce((n, t) => n + t.failed, 0),
    queued: push.channels.some((c) => c.outcome === 'queued'),
    anyFailed: push.channels.some((c) => c.outcome === 'failed'),
  };
}

/** The push shown: its progress, people sent and failed, the task of each channel, and Retry failed. */
export function PushPanel() {
  const { t, i18n } = useTranslation();
  const push = useAppStore((s) => s.push);
  const retry = useAppStore((s) => s.retryFailedPush);
  const [retrying, setRetrying] = useState(false);
  if (!push || push.jobId === null) {
    return (
      <section className="panel" aria-label={t('permissions.tasks.title')}>
        <h2>{t('permissions.tasks.title')}</h2>
        <p className="muted">{t('permissions.tasks.none')}</p>
      </section>
    );
  }
  const f = pushFigures(push);
  const tone = pushTone(push.channels);
  const running = push.state === 'running' || push.state === 'planned';
  const fmt = (n: number) => formatCount(n, i18n.language);
  return (
    <section className="panel push-panel" aria-label={t('permissions.tasks.title')} data-state={push.state ?? ''}>
      <div className="panel-head">
        <h2>{t('permissions.tasks.title')}</h2>
        <button
          type="button"
          title={t('permissions.tasks.retryHint')}
          disabled={running || retrying || !f.anyFailed}
          onClick={() => {
            setRetrying(true);
            void retry().finally(() => setRetrying(false));
          }}
        >
          {retrying ? t('permissions.tasks.retrying') : t('permissions.tasks.retry')}
        </button>
      </div>
      <p className="muted">
        {t('permissions.tasks.job', {
          date: push.createdAt === null ? '' : new Date(push.createdAt).toLocaleString(i18n.language),
          mode: push.mode ? t(`permissions.tasks.modes.${push.mode}`) : '',
          certificate: push.certificate ? t(`permissions.push.certificates.${push.certificate}`) : '',
        })}
      </p>
      <div
        role="progressbar"
        className="progress"
        aria-label={t('permissions.tasks.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={f.percent}
        aria-valuetext={t('permissions.tasks.progressText', { finished: fmt(f.finished), total: fmt(f.total) })}
        data-tone={tone}
      >
        {/* Coloured by outcome: red when a channel failed, amber while one waits for the cloud (issue 18). */}
        <div className={`progress-fill progress-tone-${tone}`} style={{ width: `${f.percent}%` }} />
      </div>
      <p role="status" data-testid="push-summary">
        {t('permissions.tasks.progressText', { finished: fmt(f.finished), total: fmt(f.total) })} ·{' '}
        {t('permissions.tasks.people', { sent: fmt(f.sent), failed: fmt(f.failed), total: fmt(f.people) })}
      </p>
      {f.queued && <p className="muted">{t('permissions.tasks.waiting')}</p>}
      <PushChannelsTable channels={push.channels} />
    </section>
  );
}
