import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Terminal } from '../../../../shared/domain/terminal.ts';
import { useAppStore } from '../../store/store-context.tsx';

/** Trusted, untrusted or in conflict, said in words and marked by colour. */
export function TrustBadge({ terminal }: { terminal: Terminal }) {
  const { t } = useTranslation();
  const state = terminal.trust ?? 'untrusted';
  return <span className={`trust-badge trust-${state}`}>{t(`devices.trust.${state}`)}</span>;
}

/**
 * What the technician can do about a terminal's trust: "Trust" for one only discovered; for one in an
 * identity conflict, what contradicts it and the two ways out (keep it where it is pinned, or move it to the
 * claimant's address). Nothing for a trusted terminal.
 */
export function TrustTerminal({ terminal }: { terminal: Terminal }) {
  const { t } = useTranslation();
  const trust = useAppStore((s) => s.trustTerminals);
  const [busy, setBusy] = useState(false);
  const run = (address?: string): void => {
    setBusy(true);
    void trust([terminal.serial], address).finally(() => setBusy(false));
  };
  const state = terminal.trust ?? 'untrusted';
  if (state === 'trusted') return null;
  if (state === 'untrusted' || !terminal.conflict) {
    return (
      <div className="detail-block" role="group" aria-label={t('devices.trust.title')}>
        <p>{t('devices.trust.untrustedHint')}</p>
        <button type="button" disabled={busy} onClick={() => run()}>
          {t('devices.trust.trust')}
        </button>
      </div>
    );
  }
  const conflict = terminal.conflict;
  const where = `${conflict.address}:${conflict.port}`;
  return (
    <div
      className="detail-block confirm"
      role="group"
      aria-label={t('devices.trust.title')}
      data-testid="trust-conflict"
    >
      <p className="confirm-text">
        {conflict.reason === 'serial-elsewhere'
          ? t('devices.trust.conflictElsewhere', { where })
          : conflict.reason === 'mac-changed'
            ? t('devices.trust.conflictMac', {
                where,
                mac: conflict.mac ?? t('devices.none'),
                pinned: terminal.pin?.mac ?? t('devices.none'),
              })
            : t('devices.trust.conflictChanged', { where, serial: conflict.serial ?? t('devices.none') })}
      </p>
      <div className="tool-actions">
        <button type="button" disabled={busy} onClick={() => run()}>
          {conflict.reason === 'mac-changed' ? t('devices.trust.acceptHardware') : t('devices.trust.keep')}
        </button>
        {conflict.reason === 'serial-elsewhere' && (
          <button type="button" disabled={busy} onClick={() => run(where)}>
            {t('devices.trust.move', { where })}
          </button>
        )}
      </div>
    </div>
  );
}
