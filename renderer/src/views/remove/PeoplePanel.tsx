import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonHit } from '../../../../shared/domain/people-index.ts';
import { displayNameOf } from '../../../../shared/domain/terminal.ts';
import { INDEX_SOURCE } from '../../../../shared/domain/removal-draft.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatAge } from './format-age.ts';
import { useNow } from './use-now.ts';

/** The index's age, a refresh button and the refresh's progress bar. */
function IndexBar() {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const status = useAppStore((s) => s.peopleIndex.status);
  const refresh = useAppStore((s) => s.peopleIndex.refresh);
  const start = useAppStore((s) => s.refreshPeopleIndex);
  const cancel = useAppStore((s) => s.cancelPeopleRefresh);
  const running = refresh?.state === 'running';
  const stale = status?.terminals.filter((x) => x.staleness !== null).length ?? 0;
  const failed = refresh && !running ? (refresh.counts.failed ?? 0) : 0;
  return (
    <div className="people-index-bar" data-testid="people-index-bar">
      <span data-testid="people-index-age">
        {status?.oldestReadAt != null
          ? t('people.age', { age: formatAge(status.oldestReadAt, now, i18n.language) })
          : t('people.never')}
      </span>
      <button type="button" disabled={running} onClick={() => void start()}>
        {t('people.refresh')}
      </button>
      {running && (
        <span className="people-refresh" role="status">
          <progress aria-label={t('people.refreshProgress')} max={Math.max(1, refresh.total)} value={refresh.done} />{' '}
          {t('people.refreshing', { done: refresh.done, total: refresh.total, people: refresh.counts.people ?? 0 })}{' '}
          <button type="button" onClick={() => void cancel()}>
            {t('people.cancelRefresh')}
          </button>
        </span>
      )}
      {refresh?.state === 'cancelled' && <p className="muted">{t('people.refreshCancelled')}</p>}
      {failed > 0 && <p className="field-problem">{t('people.refreshFailed', { count: failed })}</p>}
      {!running && stale > 0 && <p className="warn-text">{t('people.stale', { count: stale })}</p>}
    </div>
  );
}

/** One person found: every terminal holding them with that terminal's own id, and "add to removal list". */
function HitCard({ hit }: { hit: PersonHit }) {
  const { t } = useTranslation();
  const terminals = useAppStore((s) => s.terminals);
  const add = useAppStore((s) => s.addIndexedPeople);
  const inList = useAppStore((s) =>
    s.removalWizard.picked.some((p) => p.serial === INDEX_SOURCE && p.name === hit.name),
  );
  return (
    <li className="tool-card people-hit" aria-label={hit.name}>
      <h4>
        {hit.name} <span className="muted">{t('people.holds', { count: hit.holdings.length })}</span>
      </h4>
      <table className="plain-table" aria-label={t('people.results')}>
        <thead>
          <tr>
            <th scope="col">{t('people.terminal')}</th>
            <th scope="col">{t('people.idKind')}</th>
            <th scope="col">{t('people.id')}</th>
          </tr>
        </thead>
        <tbody>
          {hit.holdings.map((h) => {
            const known = terminals[h.serial];
            const name = (known ? displayNameOf(known) : h.terminalName) || h.serial;
            return (
              <tr key={`${h.serial}/${h.idKind}/${h.id}`} data-testid="people-holding">
                <th scope="row" className="cell" title={h.serial}>
                  {name} <span className="muted">({t(`devices.kind.${h.kind}`)})</span>
                </th>
                <td>{t(`people.kinds.${h.idKind}`)}</td>
                <td className="cell mono">{h.id}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="tool-actions">
        <button
          type="button"
          disabled={inList}
          aria-label={t('people.add', { name: hit.name })}
          onClick={() => void add([hit])}
        >
          {inList ? t('people.added') : t('people.addShort')}
        </button>
      </div>
    </li>
  );
}

/**
 * "Who is where": search the site people index by name (Chinese or pinyin), any id, or a list; per person every
 * terminal that holds them and with which id; add them to the removal list (resolved per terminal through the
 * index). Shows the index's age and refreshes it with a progress bar.
 */
export function PeoplePanel() {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const load = useAppStore((s) => s.loadPeopleIndex);
  const find = useAppStore((s) => s.findPeople);
  const result = useAppStore((s) => s.peopleIndex.result);
  const searching = useAppStore((s) => s.peopleIndex.searching);
  const addAll = useAppStore((s) => s.addIndexedPeople);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="tool-card people-panel" aria-label={t('people.title')}>
      <h3>{t('people.title')}</h3>
      <p className="muted">{t('people.hint')}</p>
      <IndexBar />
      <form
        className="people-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void find(query);
        }}
      >
        <label htmlFor={id}>{t('people.search')}</label>
        <input
          id={id}
          type="search"
          value={query}
          placeholder={t('people.searchPlaceholder')}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="primary" disabled={searching || query.trim() === ''}>
          {searching ? t('people.finding') : t('people.find')}
        </button>
      </form>
      {result && (
        <>
          {result.notFound.length > 0 && (
            <p className="muted" role="status">
              {t('people.notFound', { terms: result.notFound.join(', ') })}
            </p>
          )}
          {result.hits.length > 1 && (
            <button type="button" onClick={() => void addAll(result.hits)}>
              {t('people.addAll')}
            </button>
          )}
          <ul className="people-hits" aria-label={t('people.results')}>
            {result.hits.map((hit) => (
              <HitCard key={`${hit.term}\n${hit.name}`} hit={hit} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
