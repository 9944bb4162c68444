import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { AddTerminalForm } from './AddTerminalForm.tsx';
import { DiscoveryControls } from './DiscoveryControls.tsx';
import { SweepForm } from './SweepForm.tsx';
import { TerminalBrowser } from './TerminalBrowser.tsx';
import { TerminalDetail } from './TerminalDetail.tsx';

/**
 * The Devices section: the ways to find terminals (mDNS, by address, subnet sweep), then the live table
 * (or an empty state when the inventory is empty) and the selected terminal's details.
 */
export function DevicesView() {
  const { t } = useTranslation();
  const hasTerminals = useAppStore((s) => Object.keys(s.terminals).length > 0);
  return (
    <>
      <section className="devices-toolbar" aria-label={t('devices.toolbar')}>
        <DiscoveryControls />
        <AddTerminalForm />
        <SweepForm />
      </section>
      {hasTerminals ? (
        <TerminalBrowser />
      ) : (
        <div className="empty-state">
          <h2>{t('empty.devices.title')}</h2>
          <p>{t('empty.devices.body')}</p>
        </div>
      )}
      <TerminalDetail />
    </>
  );
}
