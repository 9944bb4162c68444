import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';

/** The Tuya project's channels with a tick each (and one for all), loaded on demand. */
export function ChannelPicker() {
  const { t } = useTranslation();
  const channels = useAppStore((s) => s.channels);
  const loading = useAppStore((s) => s.channelsLoading);
  const selected = useAppStore((s) => s.selectedChannels);
  const load = useAppStore((s) => s.loadChannels);
  const toggle = useAppStore((s) => s.toggleChannel);
  const selectAll = useAppStore((s) => s.selectAllChannels);
  const chosen = new Set(selected);
  const all = channels !== null && channels.length > 0 && channels.every((c) => chosen.has(c.id));
  return (
    <section className="panel channel-picker" aria-label={t('permissions.channels.title')} aria-busy={loading}>
      <div className="panel-head">
        <h2>{t('permissions.channels.title')}</h2>
        <button type="button" disabled={loading} onClick={() => void load()}>
          {channels === null ? t('permissions.channels.load') : t('permissions.channels.refresh')}
        </button>
      </div>
      {loading && (
        <p className="muted" role="status">
          {t('permissions.channels.loading')}
        </p>
      )}
      {channels !== null && channels.length === 0 && <p className="muted">{t('permissions.channels.empty')}</p>}
      {channels !== null && channels.length > 0 && (
        <>
          <table className="data-table" aria-label={t('permissions.channels.table')}>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('permissions.channels.selectAll')}
                    checked={all}
                    onChange={(e) => selectAll(e.target.checked)}
                  />
                </th>
                <th scope="col">{t('permissions.channels.name')}</th>
                <th scope="col">{t('permissions.channels.device')}</th>
                <th scope="col">{t('permissions.channels.position')}</th>
                <th scope="col">{t('permissions.channels.status')}</th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('permissions.channels.select', { name: c.name ?? c.id })}
                      checked={chosen.has(c.id)}
                      onChange={(e) => toggle(c.id, e.target.checked)}
                    />
                  </td>
                  <td>{c.name ?? c.id}</td>
                  <td>{c.deviceName ?? ''}</td>
                  <td>{c.positionPath ?? ''}</td>
                  <td>
                    <span className={c.online === false ? 'badge badge-warn' : 'badge'}>
                      {c.online === null
                        ? t('permissions.channels.unknown')
                        : c.online
                          ? t('permissions.channels.online')
                          : t('permissions.channels.offline')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" role="status">
            {t('permissions.channels.selected', { count: selected.length })}
          </p>
        </>
      )}
    </section>
  );
}
