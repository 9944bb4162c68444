import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Terminal } from '../../../../shared/domain/terminal.ts';
import { PEOPLE_PAGE_SIZE, type TerminalPerson } from '../../store/slices/devices-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatCount, pageCount } from './format.ts';
import { PickPeopleBar } from './PickPeopleBar.tsx';

/**
 * The people stored on a terminal, one page of {@link PEOPLE_PAGE_SIZE} at a time (devices:people), with
 * Previous / Next and "Page 2 of 7". Failures show in the error banner and keep the last page shown.
 * People can be ticked (on any page) and added to the removal list.
 */
export function PeopleList({ terminal }: { terminal: Terminal }) {
  const { t, i18n } = useTranslation();
  const people = useAppStore((s) => (s.people?.serial === terminal.serial ? s.people : null));
  const load = useAppStore((s) => s.loadPeople);
  const loading = people?.loading ?? false;
  // The ticks belong to one terminal: another terminal's details start with none.
  const [ticked, setTicked] = useState<{ serial: string; people: Map<string, TerminalPerson> } | null>(null);
  const chosen = ticked?.serial === terminal.serial ? ticked.people : new Map<string, TerminalPerson>();
  const choose = (list: readonly TerminalPerson[], on: boolean) => {
    const next = new Map(chosen);
    for (const person of list) {
      if (on) next.set(person.id, person);
      else next.delete(person.id);
    }
    setTicked({ serial: terminal.serial, people: next });
  };

  if (!people) {
    return (
      <section className="detail-block people" aria-label={t('devices.people.title')}>
        <h3>{t('devices.people.title')}</h3>
        <p className="muted">{t('devices.people.notLoaded')}</p>
        <button type="button" disabled={terminal.kind === 'unknown'} onClick={() => void load(terminal.serial, 0)}>
          {t('devices.people.load')}
        </button>
      </section>
    );
  }

  const pages = pageCount(people.total ?? 0, PEOPLE_PAGE_SIZE);
  const pageChosen = people.items.length > 0 && people.items.every((person) => chosen.has(person.id));
  return (
    <section className="detail-block people" aria-label={t('devices.people.title')} aria-busy={loading}>
      <h3>
        {t('devices.people.title')}
        {people.total !== null && (
          <span className="people-total" data-testid="people-total">
            {t('devices.people.total', { count: people.total, formatted: formatCount(people.total, i18n.language) })}
          </span>
        )}
      </h3>
      {loading && (
        <p className="muted" role="status">
          {t('devices.people.loading')}
        </p>
      )}
      {!loading && people.total === 0 && <p className="muted">{t('devices.people.empty')}</p>}
      {people.items.length > 0 && (
        <div className="people-scroll">
          <table className={loading ? 'people-table loading' : 'people-table'}>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    className="pick"
                    aria-label={t('devices.people.pickPage')}
                    checked={pageChosen}
                    onChange={(event) => choose(people.items, event.target.checked)}
                  />
                  {t('devices.people.id')}
                </th>
                <th scope="col">{t('devices.people.name')}</th>
              </tr>
            </thead>
            <tbody>
              {people.items.map((person, index) => (
                <tr key={`${index}:${person.id}`}>
                  <td className="cell" title={person.id}>
                    <input
                      type="checkbox"
                      className="pick"
                      aria-label={t('devices.people.pick', {
                        name: person.name ? `${person.name} (${person.id})` : person.id,
                      })}
                      checked={chosen.has(person.id)}
                      onChange={(event) => choose([person], event.target.checked)}
                    />
                    {person.id}
                  </td>
                  <td className="cell" title={person.name}>
                    {person.name}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {people.items.length > 0 && (
        <PickPeopleBar serial={terminal.serial} chosen={[...chosen.values()]} onAdded={() => setTicked(null)} />
      )}
      {people.total !== null && (
        <nav className="pager" aria-label={t('devices.people.pager')}>
          <button
            type="button"
            disabled={loading || people.pageIndex === 0}
            onClick={() => void load(terminal.serial, people.pageIndex - 1)}
          >
            {t('devices.people.previous')}
          </button>
          <span data-testid="people-page">{t('devices.people.page', { page: people.pageIndex + 1, pages })}</span>
          <button
            type="button"
            disabled={loading || people.pageIndex + 1 >= pages}
            onClick={() => void load(terminal.serial, people.pageIndex + 1)}
          >
            {t('devices.people.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
