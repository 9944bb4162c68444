import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { endpointOf } from '../../store/devices/terminal-table.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatLastSeen, formatPeople } from './format.ts';
import { CredentialsBadge, StatusBadge } from './StatusBadge.tsx';

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
  const select = useAppStore((s) => s.selectTerminal);
  if (!terminal) return null;
  const none = t('devices.none');
  const name = terminal.name || t('devices.unnamed');
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
      <div role="cell" className="cell">
        <StatusBadge online={terminal.online} />
      </div>
      <div role="cell" className="cell">
        <button
          type="button"
          className="link-button"
          title={name}
          onClick={(event) => {
            event.stopPropagation();
            select(serial);
          }}
        >
          {name}
        </button>
      </div>
      <TextCell text={t(`devices.kind.${terminal.kind}`)} />
      <TextCell text={terminal.serial} />
      <TextCell text={terminal.model ?? none} />
      <TextCell text={terminal.firmware ?? none} />
      <TextCell text={endpointOf(terminal)} />
      <div role="cell" className="cell">
        <CredentialsBadge state={terminal.credentials} />
      </div>
      <TextCell text={people ?? none} />
      <TextCell text={formatLastSeen(terminal.lastSeen, i18n.language) ?? none} />
    </div>
  );
});
