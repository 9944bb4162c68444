import { useTranslation } from 'react-i18next';
import type { Terminal } from '../../../../shared/domain/terminal.ts';
import { PEOPLE_PAGE_SIZE } from '../../store/slices/devices-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatCount, pageCount } from './format.ts';

/**
 * The people stored on a terminal, one page of {@link PEOPLE_PAGE_SIZE} at a time (devices:people), with
 * Previous / Next and "Page 2 of 7". Failures show in the error banner and keep the last page shown.
 */
export function PeopleList({ terminal }: { terminal: Terminal }) {
  const { t, i18n } = useTranslation();
  const people = useAppStore((s) => (s.people?.serial === terminal.serial ? s.people : null));
  const load = useAppStore((s) => s.loadPeople);
  const loading = people?.loading ?? false;

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
                <th scope="col">{t('devices.people.id')}</th>
                <th scope="col">{t('devices.people.name')}</th>
              </tr>
            </thead>
            <tbody>
              {people.items.map((person, index) => (
                <tr key={`${index}:${person.id}`}>
                  <td className="cell" title={person.id}>
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
