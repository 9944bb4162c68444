import { useTranslation } from 'react-i18next';
import type { PushChannel } from '../../../../shared/domain/permissions.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { pushWhy } from './push-why.ts';

function ChannelRow({ channel }: { channel: PushChannel }) {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.openTaskRecords);
  const online = useAppStore((s) => s.channels?.find((c) => c.id === channel.channelId)?.online ?? null);
  const task = channel.tasks.at(-1);
  const name = channel.channelName ?? channel.channelId;
  const why = pushWhy(t, channel, online);
  return (
    <tr data-testid={`push-channel-${channel.channelId}`}>
      <th scope="row" title={channel.channelId}>
        {name}
      </th>
      <td data-outcome={channel.outcome ?? 'working'}>{t(`permissions.outcome.${channel.outcome ?? 'working'}`)}</td>
      <td>{task ? t(`permissions.taskState.${task.state}`) : ''}</td>
      <td>{task ? String(task.succeeded) : ''}</td>
      <td>{task ? String(task.failed) : ''}</td>
      <td>{task ? String(task.total) : ''}</td>
      <td className="reason" data-code={channel.rawCode ?? ''} title={channel.reason ?? undefined}>
        {why}
      </td>
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

/**
 * The channels of one push: each by its name (its id until the cloud named it), its outcome, its latest task's
 * state and counts, why it is where it is (from its code, in the chosen language), and its records. Shown by the
 * Permissions view and by the Jobs view's detail of a push.
 */
export function PushChannelsTable({ channels }: { channels: readonly PushChannel[] }) {
  const { t } = useTranslation();
  return (
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
        {channels.map((c) => (
          <ChannelRow key={c.channelId} channel={c} />
        ))}
      </tbody>
    </table>
  );
}
