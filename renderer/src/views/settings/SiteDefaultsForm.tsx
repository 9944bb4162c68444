import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProbeKind } from '../../../../shared/domain/terminal.ts';
import { InlineError } from '../../components/InlineError.tsx';
import { SITE_DEFAULTS_SCOPE } from '../../store/slices/device-actions-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { CredentialFields } from '../devices/CredentialFields.tsx';

/** One kind's site default: whether one is saved (and for which user), and a form to replace it. */
function KindDefault({ kind }: { kind: ProbeKind }) {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.siteDefaults?.[kind]);
  const save = useAppStore((s) => s.saveSiteDefault);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const kindName = t(`devices.kind.${kind}`);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const user = username.trim();
    setMissing(user === '');
    setDone(false);
    if (user === '') return;
    setBusy(true);
    void save(kind, { username: user, password })
      .then((ok) => {
        if (!ok) return;
        setPassword('');
        setDone(true);
      })
      .finally(() => setBusy(false));
  };
  return (
    <form className="tool-card" noValidate aria-label={kindName} onSubmit={submit}>
      <fieldset>
        <legend>{kindName}</legend>
        <p className="muted" data-testid={`site-default-${kind}`}>
          {state?.saved
            ? t('deviceActions.siteDefaults.saved', { username: state.username ?? '' })
            : t('deviceActions.siteDefaults.notSet')}
        </p>
        <CredentialFields
          username={username}
          password={password}
          onUsername={setUsername}
          onPassword={setPassword}
          usernameLabel={t('deviceActions.username')}
          passwordLabel={t('deviceActions.password')}
          usernameProblem={missing ? t('deviceActions.siteDefaults.usernameRequired') : null}
        />
        <div className="tool-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('deviceActions.siteDefaults.save')}
          </button>
          <span role="status" className="muted">
            {done ? t('deviceActions.siteDefaults.done', { kind: kindName }) : ''}
          </span>
        </div>
      </fieldset>
    </form>
  );
}

/**
 * Site default credentials per kind of terminal (Settings): used by every terminal of that kind without its
 * own, and sent only to trusted terminals. The password is write-only: only "saved for user X" is shown.
 */
export function SiteDefaultsForm() {
  const { t } = useTranslation();
  const load = useAppStore((s) => s.loadSiteDefaults);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="site-defaults" aria-labelledby="site-defaults-title">
      <h2 id="site-defaults-title">{t('deviceActions.siteDefaults.title')}</h2>
      <p className="muted">{t('deviceActions.siteDefaults.intro')}</p>
      <InlineError scope={SITE_DEFAULTS_SCOPE} />
      <div className="devices-toolbar">
        <KindDefault kind="sophon" />
        <KindDefault kind="basip" />
      </div>
    </section>
  );
}
