import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { displayNameOf, type Terminal } from '../../../../shared/domain/terminal.ts';
import { endpointOf } from '../../store/devices/terminal-table.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { CredentialsForm } from './CredentialsForm.tsx';
import { ForgetTerminal } from './ForgetTerminal.tsx';
import { capabilityLine, formatLastSeen, formatPeople } from './format.ts';
import { IdentificationAttempts } from './IdentificationAttempts.tsx';
import { LabelForm } from './LabelForm.tsx';
import { PeopleList } from './PeopleList.tsx';
import { CredentialsBadge, StatusBadge } from './StatusBadge.tsx';
import { TrustBadge, TrustTerminal } from './TrustTerminal.tsx';

/** The facts of a terminal as a description list; every value is plain text. */
function Facts({ terminal }: { terminal: Terminal }) {
  const { t, i18n } = useTranslation();
  const none = t('devices.none');
  const capability = capabilityLine(terminal);
  const capabilityText = [
    ...(capability.api === null ? [] : [t('devices.capability.api', { api: capability.api })]),
    ...capability.keys.map((key) => t(`devices.capability.${key}`)),
  ].join(' · ');
  const people = formatPeople(terminal, i18n.language, (count, capacity) => t('devices.peopleOf', { count, capacity }));
  const rows: [string, ReactNode][] = [
    [t('devices.column.status'), <StatusBadge online={terminal.online} />],
    [t('devices.column.kind'), t(`devices.kind.${terminal.kind}`)],
    [t('devices.column.serial'), <span className="detail-serial">{terminal.serial}</span>],
    [t('deviceActions.label.advertised'), terminal.name || none],
    [t('devices.column.model'), terminal.model ?? none],
    [t('devices.column.firmware'), terminal.firmware ?? none],
    [t('devices.detail.apiVersion'), terminal.apiVersion ?? none],
    [
      t('devices.detail.capabilities'),
      <span className={capability.keys[0] === 'tooOld' ? 'capability-line capability-too-old' : 'capability-line'}>
        {capabilityText}
      </span>,
    ],
    [t('devices.column.address'), endpointOf(terminal)],
    [t('devices.column.credentials'), <CredentialsBadge state={terminal.credentials} />],
    [t('devices.trust.title'), <TrustBadge terminal={terminal} />],
    [t('devices.column.people'), people ?? none],
    [t('devices.column.lastSeen'), formatLastSeen(terminal.lastSeen, i18n.language) ?? none],
    [t('devices.detail.source'), t(`devices.source.${terminal.source}`)],
    [t('devices.detail.adapter'), terminal.adapter ?? none],
  ];
  return (
    <dl className="facts" aria-label={t('devices.detail.facts')}>
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The selected terminal: its facts, its trust (Trust, or the way out of an identity conflict), its credentials form, "Forget" with a confirmation, and its people
 * list. Renders nothing when no terminal is selected.
 */
export function TerminalDetail() {
  const { t } = useTranslation();
  const headingId = useId();
  const terminal = useAppStore((s) => (s.selectedSerial ? s.terminals[s.selectedSerial] : undefined));
  const close = useAppStore((s) => s.selectTerminal);
  const panel = useRef<HTMLElement>(null);
  const serial = terminal?.serial;
  // Opening a terminal brings its details into view (they sit below the table).
  useEffect(() => {
    if (serial) panel.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [serial]);
  if (!terminal) return null;
  const name = displayNameOf(terminal) || t('devices.unnamed');
  return (
    <aside ref={panel} className="terminal-detail" aria-labelledby={headingId} data-testid="terminal-detail">
      <header className="detail-header">
        <h2 id={headingId} title={name}>
          {name}
        </h2>
        <button type="button" onClick={() => close(null)}>
          {t('devices.detail.close')}
        </button>
      </header>
      <div className="detail-columns">
        <div>
          <Facts terminal={terminal} />
          <IdentificationAttempts record={terminal.identification} />
          <LabelForm key={`label-${terminal.serial}`} terminal={terminal} />
          <TrustTerminal key={`trust-${terminal.serial}`} terminal={terminal} />
          <CredentialsForm key={terminal.serial} serial={terminal.serial} />
          <ForgetTerminal key={`forget-${terminal.serial}`} serial={terminal.serial} name={name} />
        </div>
        <PeopleList terminal={terminal} />
      </div>
    </aside>
  );
}
