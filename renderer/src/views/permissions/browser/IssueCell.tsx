import { useTranslation } from 'react-i18next';
import type { CredentialIssue } from '../../../../../shared/domain/permission-browser.ts';

/**
 * One credential's issue state in a table cell: Sent, Not sent, Unconfirmed (the cloud's word), or "none" when
 * the person has no credential of the kind. `data-state` carries the state for styling and tests.
 */
export function IssueCell({ issue }: { issue: CredentialIssue }) {
  const { t } = useTranslation();
  if (issue.total === 0) {
    return (
      <td data-state="none" className="muted">
        {t('permBrowser.table.noCredential')}
      </td>
    );
  }
  return <td data-state={issue.state}>{t(`permBrowser.state.${issue.state}`)}</td>;
}

/** A validity end as a date, "Permanent" for the cloud's far-future end (2050 and later), or a dash. */
export function ValidUntil({ at }: { at: number | null }) {
  const { t, i18n } = useTranslation();
  if (at === null) return <>{t('permBrowser.table.none')}</>;
  if (at >= Date.UTC(2050, 0, 1)) return <>{t('permBrowser.table.permanent')}</>;
  return <>{new Date(at).toLocaleDateString(i18n.language)}</>;
}
