import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../store/store-context.tsx';
import { IssueCell, ValidUntil } from './IssueCell.tsx';

/**
 * The opened person: who they are, the opened permission, every permission of theirs with its issue states, and
 * one action that pushes their waiting channels again (an incremental push job, followed in the Push tab).
 */
export function PersonPanel() {
  const { t, i18n } = useTranslation();
  const person = useAppStore((s) => s.openedPerson);
  const loading = useAppStore((s) => s.personLoading);
  const close = useAppStore((s) => s.openPerson);
  const repush = useAppStore((s) => s.repush);
  const repushing = useAppStore((s) => s.repushing);
  const startRepush = useAppStore((s) => s.repushPerson);
  const certificate = useAppStore((s) => s.pushCertificate);
  const showTab = useAppStore((s) => s.setPermissionsTab);
  if (!person) {
    return loading ? (
      <p className="muted" role="status">
        {t('permBrowser.person.loading')}
      </p>
    ) : null;
  }
  const name = person.name ?? person.personCode ?? person.personId;
  const title = t('permBrowser.person.title', { name });
  const none = t('permBrowser.table.none');
  return (
    <section className="panel person-panel" aria-label={title} aria-busy={loading}>
      <div className="panel-head">
        <h2>{title}</h2>
        <button type="button" onClick={() => void close(null)}>
          {t('permBrowser.person.close')}
        </button>
      </div>
      <dl className="person-facts">
        <dt>{t('permBrowser.person.personCode')}</dt>
        <dd>{person.personCode ?? none}</dd>
        <dt>{t('permBrowser.person.mobile')}</dt>
        <dd>{person.mobile ?? none}</dd>
        <dt>{t('permBrowser.person.sex')}</dt>
        <dd>{person.sex ?? none}</dd>
        <dt>{t('permBrowser.person.organisations')}</dt>
        <dd>{person.organisations.join(', ') || none}</dd>
        <dt>{t('permBrowser.person.source')}</dt>
        <dd>{person.source ?? none}</dd>
        <dt>{t('permBrowser.person.created')}</dt>
        <dd>{person.createdAt === null ? none : new Date(person.createdAt).toLocaleString(i18n.language)}</dd>
      </dl>
      <h3>{t('permBrowser.person.all')}</h3>
      {!person.complete && (
        <p className="warnings" role="alert">
          {t('permBrowser.person.incomplete')}
        </p>
      )}
      <table className="data-table" aria-label={t('permBrowser.person.all')}>
        <thead>
          <tr>
            <th scope="col">{t('permBrowser.table.channel')}</th>
            <th scope="col">{t('permBrowser.table.device')}</th>
            <th scope="col">{t('permBrowser.table.validUntil')}</th>
            <th scope="col">{t('permBrowser.table.face')}</th>
            <th scope="col">{t('permBrowser.table.card')}</th>
            <th scope="col">{t('permBrowser.table.fingerprint')}</th>
          </tr>
        </thead>
        <tbody>
          {person.permissions.map((p) => (
            <tr key={p.accessAuthId} aria-current={p.accessAuthId === person.accessAuthId ? 'true' : undefined}>
              <td>{p.channelName ?? p.channelId ?? none}</td>
              <td>{p.deviceName ?? none}</td>
              <td>
                <ValidUntil at={p.validUntil} />
              </td>
              <IssueCell issue={p.face} />
              <IssueCell issue={p.card} />
              <IssueCell issue={p.fingerprint} />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t('permBrowser.person.repushHint', { certificate: t(`permissions.push.certificates.${certificate}`) })}
      </p>
      <div className="actions">
        <button type="button" disabled={repushing || !person.complete} onClick={() => void startRepush()}>
          {repushing ? t('permBrowser.person.repushing') : t('permBrowser.person.repush')}
        </button>
        {repush && (
          <span role="status" data-testid="repush-result">
            {repush.jobId === null
              ? t('permBrowser.person.repushNothing')
              : t('permBrowser.person.repushStarted', { count: repush.channelIds.length })}
          </span>
        )}
        {repush?.jobId && (
          <button type="button" onClick={() => showTab('push')}>
            {t('permBrowser.person.showPush')}
          </button>
        )}
      </div>
    </section>
  );
}
