import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { defaultAdapterChoice, pickableAdapters } from '../../store/devices/adapters.ts';
import { useAppStore } from '../../store/store-context.tsx';

/**
 * mDNS discovery: tick the adapters that face the site LAN (the site adapters from the settings, or all,
 * by default), then start or stop browsing. A refusal (e.g. mDNS not allowed here) shows in the banner.
 */
export function DiscoveryControls() {
  const { t } = useTranslation();
  const adapters = useAppStore(useShallow((s) => pickableAdapters(s.adapters)));
  const siteAdapters = useAppStore(useShallow((s) => s.settings?.siteAdapters ?? []));
  const chosen = useAppStore((s) => s.chosenAdapters) ?? defaultAdapterChoice(adapters, siteAdapters);
  const browsing = useAppStore((s) => s.browsing);
  const choose = useAppStore((s) => s.chooseAdapters);
  const start = useAppStore((s) => s.startDiscovery);
  const stop = useAppStore((s) => s.stopDiscovery);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const toggle = (name: string, on: boolean) =>
    choose(adapters.map((a) => a.name).filter((n) => (n === name ? on : chosen.includes(n))));

  return (
    <div className="tool-card">
      <fieldset>
        <legend>{t('devices.discovery.legend')}</legend>
        <div role="group" aria-label={t('devices.discovery.adapters')} className="adapter-picker">
          {adapters.length === 0 && <p className="muted">{t('devices.discovery.noAdapters')}</p>}
          {adapters.map((adapter) => (
            <label key={adapter.name} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(adapter.name)}
                disabled={browsing.browsing}
                onChange={(event) => toggle(adapter.name, event.target.checked)}
              />
              <span>{adapter.name}</span>
              <span className="muted">{adapter.cidr ?? adapter.address}</span>
            </label>
          ))}
        </div>
        <div className="tool-actions">
          {browsing.browsing ? (
            <button type="button" disabled={busy} onClick={() => void run(stop)}>
              {t('devices.discovery.stop')}
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={busy || (adapters.length > 0 && chosen.length === 0)}
              onClick={() => void run(() => start(chosen))}
            >
              {t('devices.discovery.start')}
            </button>
          )}
          <span className="muted notice" role="status">
            {browsing.browsing
              ? t('devices.discovery.browsing', { names: browsing.adapters.join(', ') })
              : t('devices.discovery.stopped')}
          </span>
        </div>
      </fieldset>
    </div>
  );
}
