import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { capabilityBadge, endpointOf } from '../../store/devices/terminal-table.ts';
import { displayNameOf } from '../../../../shared/domain/terminal.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatLastSeen, formatPeople } from './format.ts';
import { CapabilityBadge, CredentialsBadge, StatusBadge } from './StatusBadge.tsx';
import { TrustBadge } from './TrustTerminal.tsx';

/** A cell whose text is cut with an ellipsis when too long; the full text shows on hover. */
function TextCell({ text }: { text: string }) {
  return (
    <div role="cell" className="cell" title={text}>
      {text}
    </div>
  );
}

/** Props of {@link TerminalRow}. */
export interface TerminalRowProps {
  serial: string;
  /** 1-based row position in the table, counting the header row. */
  rowIndex: number;
  /** Where the virtualizer places the row (absolute positioning). */
  style?: CSSProperties;
}

/**
 * One terminal of the table. It reads its own terminal by serial, so an update re-renders only its row.
 * Every advertised value is rendered as text (never as HTML) and cut with an ellipsis.
 */
export const TerminalRow = memo(function TerminalRow({ serial, rowIndex, style }: TerminalRowProps) {
  const { t, i18n } = useTranslation();
  const terminal = useAppStore((s) => s.terminals[serial]);
  const selected = useAppStore((s) => s.selectedSerial === serial);
  const checked = useAppStore((s) => s.checkedSerials[serial] === true);
  const toggle = useAppStore((s) => s.toggleChecked);
  const select = useAppStore((s) => s.selectTerminal);
  if (!terminal) return null;
  const none = t('devices.none');
  const name = displayNameOf(terminal) || t('devices.unnamed');
  const advertised = terminal.label ? `${name} (${terminal.name || t('devices.unnamed')})` : name;
  const people = formatPeople(terminal, i18n.language, (count, capacity) => t('devices.peopleOf', { count, capacity }));
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-current={selected ? 'true' : undefined}
      className={selected ? 'terminal-row terminal-row-selected' : 'terminal-row'}
      style={style}
      data-testid="terminal-row"
      onClick={() => select(serial)}
    >
      <div role="cell" className="cell cell-check" onClick={(event) => event.stopPropagation()}>
        <input
          type="checkbox"
          checked={checked}
          aria-label={t('devices.select.row', { serial: terminal.serial })}
          onChange={() => toggle(serial)}
        />
      </div>
      <div role="cell" className="cell">
        <StatusBadge online={terminal.online} />
      </div>
      <div role="cell" className="cell">
        <button
          type="button"
          className="link-button"
          title={advertised}
          onClick={(event) => {
            event.stopPropagation();
            select(serial);
          }}
        >
          {name}
        </button>
      </div>
      <TextCell text={t(`devices.kind.${terminal.kind}`)} />
      <div role="cell" className="cell cell-serial" title={terminal.serial}>
        {terminal.serial}
      </div>
      <TextCell text={endpointOf(terminal)} />
      <div role="cell" className="cell">
        <TrustBadge terminal={terminal} />
      </div>
      <div role="cell" className="cell">
        <CredentialsBadge state={terminal.credentials} />
      </div>
      <div role="cell" className="cell">
        <CapabilityBadge {...capabilityBadge(terminal)} />
      </div>
      <TextCell text={terminal.model ?? none} />
      <TextCell text={terminal.firmware ?? none} />
      <TextCell text={people ?? none} />
      <TextCell text={formatLastSeen(terminal.lastSeen, i18n.language) ?? none} />
    </div>
  );
});
