import { useTranslation } from 'react-i18next';

/** Online or offline, said in words and shown by colour. */
export function StatusBadge({ online }: { online: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={online ? 'status-badge status-online' : 'status-badge status-offline'}>
      <span className="status-dot" aria-hidden="true" />
      {t(online ? 'devices.online' : 'devices.offline')}
    </span>
  );
}

/**
 * What a terminal can do, from its kind and API level (never its credentials): removes people, firmware too
 * old (BAS-IP API v0), or nothing (unknown kind); said in words and marked by colour.
 */
export function CapabilityBadge({ state, api }: { state: 'remove' | 'too-old' | 'none'; api: string | null }) {
  const { t } = useTranslation();
  return (
    <span className={`capability-badge capability-${state}`}>
      {t(`devices.capabilityBadge.${state}`, { api: api ?? '?' })}
    </span>
  );
}

/** Whether the stored credentials work, said in words and marked by colour. */
export function CredentialsBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return <span className={`credentials-badge credentials-${state}`}>{t(`devices.credentials.${state}`)}</span>;
}
