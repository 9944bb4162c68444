import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/store-context.tsx';
import { formatTime, targetNameOf } from './format.ts';

/** The targets with queued or needs-attention work (whether each answers), and the clouds' connectivity. */
export function SyncTargets() {
  const { t, i18n } = useTranslation();
  const targets = useAppStore(useShallow((s) => s.syncStatus?.targets ?? []));
  const clouds = useAppStore(useShallow((s) => s.syncStatus?.clouds ?? []));
  if (targets.length === 0 && clouds.length === 0) return null;
  // One line per cloud: a cloud with queued work says its reachability there (one source: the connectivity
  // monitor), not again in a second line beside it.
  const cloudOf = (id: string) => clouds.find((cloud) => cloud.cloud === id);
  /** What the connectivity monitor says of a cloud: `sync.cloud` with its name, `sync.cloudState` without. */
  const cloudLine = (id: string, words: 'cloud' | 'cloudState'): string => {
    const cloud = cloudOf(id);
    const name = targetNameOf(t, 'cloud', id, id);
    if (!cloud) return t(`sync.${words}.unknown`, { cloud: name });
    if (cloud.credentialsRejected) return t(`sync.${words}.rejected`, { cloud: name });
    return t(`sync.${words}.${cloud.reachability}`, {
      cloud: name,
      time: formatTime(cloud.nextProbeAt, i18n.language),
    });
  };
  const cloudTargets = new Set(
    targets.filter((target) => target.targetKind === 'cloud').map((target) => target.target),
  );
  return (
    <section className="sync-targets" aria-label={t('sync.targets')}>
      <ul>
        {targets.map((target) => {
          // Terminals of one model often share a name: the serial tells which one it is.
          const named = targetNameOf(t, target.targetKind, target.target, target.name);
          const name =
            target.targetKind === 'terminal' && named !== target.target ? `${named} · ${target.target}` : named;
          const counts = t('sync.target', { name, queued: target.queued, attention: target.needsAttention });
          if (target.targetKind === 'cloud' && cloudOf(target.target)) {
            return (
              <li key={`cloud:${target.target}`} data-testid={`sync-cloud-${target.target}`}>
                {counts} <span className="muted">({cloudLine(target.target, 'cloudState')})</span>
              </li>
            );
          }
          return (
            <li key={`${target.targetKind}:${target.target}`} data-testid={`sync-target-${target.target}`}>
              <span
                className={`status-dot ${target.reachable ? 'status-online' : 'status-offline'}`}
                aria-hidden="true"
              />
              {counts} <span className="muted">({target.reachable ? t('sync.answers') : t('sync.silent')})</span>
            </li>
          );
        })}
        {clouds
          .filter((cloud) => !cloudTargets.has(cloud.cloud))
          .map((cloud) => (
            <li key={`cloud:${cloud.cloud}`} data-testid={`sync-cloud-${cloud.cloud}`}>
              {cloudLine(cloud.cloud, 'cloud')}
            </li>
          ))}
      </ul>
    </section>
  );
}
