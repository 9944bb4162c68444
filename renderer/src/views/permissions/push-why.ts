import type { TFunction } from 'i18next';
import type { PushChannel } from '../../../../shared/domain/permissions.ts';

/**
 * Why a channel of a push is where it is, in the chosen language, from the item's raw code (never the core's
 * English sentence, and never "the device is offline" unless the channel list says its device is: issue 18).
 * `online` is the channel's device status from the channel list (null when unknown). Empty when nothing needs
 * saying (pushed, or still working).
 */
export function pushWhy(t: TFunction, channel: PushChannel, online: boolean | null): string {
  const code = channel.rawCode ?? '';
  if (channel.outcome === 'queued') {
    return code === 'task:running' ? t('permissions.why.stillRunning') : t('permissions.why.cloudSilent');
  }
  if (channel.outcome === 'cancelled') {
    if (code === 'sync:superseded') return t('permissions.why.superseded');
    if (code === 'sync:discarded') return t('permissions.why.discarded');
    return t('permissions.why.cancelled');
  }
  if (channel.outcome !== 'failed') return '';
  if (code === 'task:stopped') return t('permissions.why.stopped');
  if (code.startsWith('task:')) {
    const total = channel.tasks.reduce((n, task) => n + task.total, 0);
    const failed = channel.tasks.reduce((n, task) => n + task.failed + task.other, 0);
    const next = online === false ? t('permissions.why.deviceOffline') : t('permissions.why.openRecords');
    return `${t('permissions.why.notSent', { failed, total })} ${next}`;
  }
  if (code === 'plan:unknown-channel') return t('permissions.why.unknownChannel');
  if (code === 'issue:no-task') return t('permissions.why.noTask');
  if (code === 'issue:attempts') return t('permissions.why.refusedAgain');
  if (/^(tuya|cloud):(auth|1004|1010|1011|clock|forbidden)$/.test(code)) return t('permissions.why.credentials');
  return t('permissions.why.refused', { code: code.replace(/^(tuya|cloud):/, '') || '?' });
}

/**
 * The tone of a push's progress bar by its outcome: `failed` (red) once a channel failed, `queued` (amber) while
 * one waits for the cloud, `done` (green) when every channel was pushed, else `working` (blue).
 */
export function pushTone(channels: readonly PushChannel[]): 'failed' | 'queued' | 'done' | 'working' {
  if (channels.some((c) => c.outcome === 'failed')) return 'failed';
  if (channels.some((c) => c.outcome === 'queued')) return 'queued';
  if (channels.length > 0 && channels.every((c) => c.outcome === 'done')) return 'done';
  return 'working';
}
