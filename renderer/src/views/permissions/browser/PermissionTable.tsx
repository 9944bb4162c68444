import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../store/store-context.tsx';
import { IssueCell, ValidUntil } from './IssueCell.tsx';

/**
 * One page of permissions as the cloud states them: person, channel, device, validity, and whether face, card
 * and fingerprint were sent; each person opens their detail. Paging follows the cloud's total (a page the
 * cloud answered short of it is flagged, never passed off as the end).
 */
export function PermissionTable() {
  const { t } = useTranslation();
  const page = useAppStore((s) => s.browsePage);
  const loading = useAppStore((s) => s.browseLoading);
  const load = useAppStore((s) => s.loadBrowsePage);
  const open = useAppStore((s) => s.openPerson);
  const title = t('permBrowser.table.title');
  if (!page) {
    return (
      <section className="panel" aria-label={title} aria-busy={loading}>
        <p className="muted" role="status">
          {loading ? t('permBrowser.table.loading') : t('permBrowser.table.start')}
        </p>
      </section>
    );
  }
  const from = page.rows.length === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const to = (page.page - 1) * page.pageSize + page.rows.length;
  const pages = page.total === null ? null : Math.max(1, Math.ceil(page.total / page.pageSize));
  const hasNext = pages === null ? page.rows.length === page.pageSize : page.page < pages;
  return (
    <section className="panel permission-browser" aria-label={title} aria-busy={loading}>
      {!page.complete && (
        <p className="warnings" role="alert">
          {t('permBrowser.table.incomplete')}
        </p>
      )}
      {page.rows.length === 0 ? (
        <p className="muted">{t('permBrowser.table.empty')}</p>
      ) : (
        <table className="data-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{t('permBrowser.table.person')}</th>
              <th scope="col">{t('permBrowser.table.personCode')}</th>
              <th scope="col">{t('permBrowser.table.channel')}</th>
              <th scope="col">{t('permBrowser.table.device')}</th>
              <th scope="col">{t('permBrowser.table.validUntil')}</th>
              <th scope="col">{t('permBrowser.table.face')}</th>
              <th scope="col">{t('permBrowser.table.card')}</th>
              <th scope="col">{t('permBrowser.table.fingerprint')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => {
              const name = row.name ?? row.personCode ?? row.accessAuthId;
              return (
                <tr key={row.accessAuthId}>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('permBrowser.table.open', { name: `${name} · ${row.channelName ?? ''}` })}
                      onClick={() => void open(row.accessAuthId)}
                    >
                      {name}
                    </button>
                  </td>
                  <td>{row.personCode ?? t('permBrowser.table.none')}</td>
                  <td>{row.channelName ?? row.channelId ?? t('permBrowser.table.none')}</td>
                  <td>{row.deviceName ?? t('permBrowser.table.none')}</td>
                  <td>
                    <ValidUntil at={row.validUntil} />
                  </td>
                  <IssueCell issue={row.face} />
                  <IssueCell issue={row.card} />
                  <IssueCell issue={row.fingerprint} />
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="actions pager">
        <button type="button" disabled={loading || page.page <= 1} onClick={() => void load(page.page - 1)}>
          {t('permBrowser.table.previous')}
        </button>
        <span role="status" data-testid="browse-count">
          {page.total === null
            ? t('permBrowser.table.countUnknown', { from, to })
            : t('permBrowser.table.count', { from, to, total: page.total })}
          {pages !== null && ` · ${t('permBrowser.table.page', { page: page.page, pages })}`}
        </span>
        <button type="button" disabled={loading || !hasNext} onClick={() => void load(page.page + 1)}>
          {t('permBrowser.table.next')}
        </button>
      </div>
    </section>
  );
}
