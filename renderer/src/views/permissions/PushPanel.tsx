import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PushChannel, PushTasks } from '../../../../shared/domain/permissions.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatCount } from '../devices/format.ts';

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

function ChannelRow({ channel }: { channel: PushChannel }) {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.openTaskRecords);
  const task = channel.tasks.at(-1);
  const name = channel.channelName ?? channel.channelId;
  return (
    <tr data-testid={`push-channel-${channel.channelId}`}>
      <th scope="row">{name}</th>
      <td data-outcome={channel.outcome ?? 'working'}>{t(`permissions.outcome.${channel.outcome ?? 'working'}`)}</td>
      <td>{task ? t(`permissions.taskState.${task.state}`) : ''}</td>
      <td>{task ? String(task.succeeded) : ''}</td>
      <td>{task ? String(task.failed) : ''}</td>
      <td>{task ? String(task.total) : ''}</td>
      <td className="reason">{channel.reason ?? ''}</td>
      <td>
        {task && (
          <button
            type="button"
            aria-label={t('permissions.tasks.showFor', { name })}
            onClick={() => void open(task.taskId)}
          >
            {t('permissions.tasks.show')}
          </button>
        )}
      </td>
    </tr>
  );
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
      >
        <div className="progress-fill" style={{ width: `${f.percent}%` }} />
      </div>
      <p role="status" data-testid="push-summary">
        {t('permissions.tasks.progressText', { finished: fmt(f.finished), total: fmt(f.total) })} ·{' '}
        {t('permissions.tasks.people', { sent: fmt(f.sent), failed: fmt(f.failed), total: fmt(f.people) })}
      </p>
      {f.queued && <p className="muted">{t('permissions.tasks.waiting')}</p>}
      <table className="data-table" aria-label={t('permissions.tasks.table')}>
        <thead>
          <tr>
            <th scope="col">{t('permissions.tasks.channel')}</th>
            <th scope="col">{t('permissions.tasks.outcome')}</th>
            <th scope="col">{t('permissions.tasks.task')}</th>
            <th scope="col">{t('permissions.tasks.sent')}</th>
            <th scope="col">{t('permissions.tasks.failed')}</th>
            <th scope="col">{t('permissions.tasks.total')}</th>
            <th scope="col">{t('permissions.tasks.reason')}</th>
            <th scope="col">{t('permissions.tasks.show')}</th>
          </tr>
        </thead>
        <tbody>
          {push.channels.map((c) => (
            <ChannelRow key={c.channelId} channel={c} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
