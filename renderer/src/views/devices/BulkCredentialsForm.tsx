import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CredentialFields } from './CredentialFields.tsx';

/**
 * The username and password the bulk bar saves for every ticked terminal (each is checked again afterwards;
 * only trusted terminals are ever sent them). A password without a username is refused inline.
 */
export function BulkCredentialsForm({
  busy,
  onSave,
  onCancel,
}: {
  busy: boolean;
  onSave: (credentials: { username: string; password: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const user = username.trim();
    setMissing(user === '');
    if (user !== '') onSave({ username: user, password });
  };
  return (
    <form className="bulk-credentials" noValidate aria-label={t('deviceActions.credentialsLegend')} onSubmit={submit}>
      <CredentialFields
        username={username}
        password={password}
        onUsername={setUsername}
        onPassword={setPassword}
        usernameLabel={t('deviceActions.username')}
        passwordLabel={t('deviceActions.password')}
        usernameProblem={missing ? t('deviceActions.usernameRequired') : null}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t('deviceActions.save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('deviceActions.cancel')}
      </button>
    </form>
  );
}
