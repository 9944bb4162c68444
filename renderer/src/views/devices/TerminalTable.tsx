import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { TERMINAL_COLUMNS, visibleSerials, type TerminalColumn } from '../../store/devices/terminal-table.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { TerminalRow } from './TerminalRow.tsx';

/** Height of one row in pixels (CSS `.terminal-row` uses the same). */
export const ROW_HEIGHT = 40;

/** Height of the header row in pixels (CSS `.terminal-table-head` uses the same). */
export const HEADER_HEIGHT = 40;

/** A sortable column header: a button inside, `aria-sort` on the header itself. */
function ColumnHeader({ column }: { column: TerminalColumn }) {
  const { t } = useTranslation();
  const sort = useAppStore((s) => s.terminalQuery.sort);
  const sortBy = useAppStore((s) => s.sortTerminalsBy);
  const sorted = sort.column === column ? sort.direction : undefined;
  return (
    <div role="columnheader" className="cell column-header" aria-sort={sorted ?? 'none'}>
      <button type="button" className="sort-button" onClick={() => sortBy(column)}>
        {t(`devices.column.${column}`)}
        <span className="sort-mark" aria-hidden="true">
          {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}
        </span>
      </button>
    </div>
  );
}

/** The header of the tick column: ticks or unticks every row the filter shows. */
function SelectAllHeader({ serials }: { serials: readonly string[] }) {
  const { t } = useTranslation();
  const checkedCount = useAppStore((s) => serials.filter((serial) => s.checkedSerials[serial]).length);
  const setChecked = useAppStore((s) => s.setChecked);
  const all = serials.length > 0 && checkedCount === serials.length;
  return (
    <div role="columnheader" className="cell cell-check">
      <input
        type="checkbox"
        checked={all}
        ref={(box) => {
          if (box) box.indeterminate = checkedCount > 0 && !all;
        }}
        disabled={serials.length === 0}
        aria-label={t('devices.select.all')}
        onChange={() => setChecked(serials, !all)}
      />
    </div>
  );
}

/**
 * The live table of terminals, filtered and sorted from the store. Only the rows in view are rendered
 * (@tanstack/react-virtual); ARIA table roles on divs keep it a table for assistive technology and tests.
 */
export function TerminalTable() {
  const { t } = useTranslation();
  const serials = useAppStore(useShallow((s) => visibleSerials(s.terminals, s.terminalQuery)));
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer hands back fresh functions on each render; nothing here memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: serials.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => serials[index] ?? index,
  });
  return (
    <div
      ref={scrollRef}
      className="terminal-table"
      role="table"
      aria-label={t('devices.table.label')}
      aria-rowcount={serials.length + 1}
      data-testid="terminal-table"
    >
      <div role="rowgroup" className="terminal-table-head">
        <div role="row" aria-rowindex={1} className="terminal-row terminal-row-head">
          <SelectAllHeader serials={serials} />
          {TERMINAL_COLUMNS.map((column) => (
            <ColumnHeader key={column} column={column} />
          ))}
        </div>
      </div>
      <div role="rowgroup" className="terminal-table-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const serial = serials[item.index];
          if (serial === undefined) return null;
          return (
            <TerminalRow
              key={serial}
              serial={serial}
              rowIndex={item.index + 2}
              style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
            />
          );
        })}
      </div>
    </div>
  );
}
