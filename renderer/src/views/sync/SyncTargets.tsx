import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/store-context.tsx';
import { formatTime } from './format.ts';

/** The targets with queued or needs-attention work (whether each answers), and the clouds' connectivity. */
export function SyncTargets() {
  const { t, i18n } = useTranslation();
  const targets = useAppStore(useShallow((s) => s.syncStatus?.targets ?? []));
  const clouds = useAppStore(useShallow((s) => s.syncStatus?.clouds ?? []));
  if (targets.length === 0 && clouds.length === 0) return null;
  return (
    <section className="sync-targets" aria-label={t('sync.targets')}>
      <ul>
        {targets.map((target) => (
          <li key={`${target.targetKind}:${target.target}`} data-testid={`sync-target-${target.target}`}>
            <span
              className={`status-dot ${target.reachable ? 'status-online' : 'status-offline'}`}
              aria-hidden="true"
            />
            {t('sync.target', { name: target.name, queued: target.queued, attention: target.needsAttention })}{' '}
            <span className="muted">({target.reachable ? t('sync.answers') : t('sync.silent')})</span>
          </li>
        ))}
        {clouds.map((cloud) => (
          <li key={`cloud:${cloud.cloud}`} data-testid={`sync-cloud-${cloud.cloud}`}>
            {cloud.credentialsRejected
              ? t('sync.cloud.rejected', { cloud: cloud.cloud })
              : t(`sync.cloud.${cloud.reachability}`, {
                  cloud: cloud.cloud,
                  time: formatTime(cloud.nextProbeAt, i18n.language),
                })}
          </li>
        ))}
      </ul>
    </section>
  );
}
