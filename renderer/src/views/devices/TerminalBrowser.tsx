import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { matchesFilter } from '../../store/devices/terminal-table.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { BulkActions } from './BulkActions.tsx';
import { TerminalTable } from './TerminalTable.tsx';

/** The filter box, how many terminals it lets through, and the table. */
export function TerminalBrowser() {
  const { t } = useTranslation();
  const inputId = useId();
  const filter = useAppStore((s) => s.terminalQuery.filter);
  const setFilter = useAppStore((s) => s.setTerminalFilter);
  const [shown, total] = useAppStore(
    useShallow((s) => {
      const all = Object.values(s.terminals);
      return [all.filter((terminal) => matchesFilter(terminal, s.terminalQuery.filter)).length, all.length];
    }),
  );
  return (
    <section className="terminal-browser">
      <div className="filter-bar">
        <label htmlFor={inputId}>{t('devices.filter')}</label>
        <input
          id={inputId}
          type="search"
          value={filter}
          placeholder={t('devices.filterPlaceholder')}
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className="muted" data-testid="terminal-count">
          {t('devices.shown', { shown, count: total })}
        </span>
      </div>
      <BulkActions />
      <TerminalTable />
      {shown === 0 && <p className="muted">{t('devices.noMatch', { filter: filter.trim() })}</p>}
    </section>
  );
}
