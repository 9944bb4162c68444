import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { CredentialFields } from './CredentialFields.tsx';

/** Username and password for one terminal (devices:set-credentials); the terminal is then probed again. */
export function CredentialsForm({ serial }: { serial: string }) {
  const { t } = useTranslation();
  const save = useAppStore((s) => s.setTerminalCredentials);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [empty, setEmpty] = useState(false);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const user = username.trim();
    setEmpty(user === '');
    if (user === '') return;
    setState('saving');
    const saved = await save(serial, { username: user, password });
    setState(saved ? 'saved' : 'idle');
    if (saved) setPassword('');
  };

  return (
    <form
      className="detail-block"
      noValidate
      aria-label={t('devices.detail.credentialsTitle')}
      onSubmit={(e) => void submit(e)}
    >
      <h3>{t('devices.detail.credentialsTitle')}</h3>
      <p className="muted">{t('devices.detail.credentialsHint')}</p>
      <CredentialFields
        username={username}
        password={password}
        onUsername={setUsername}
        onPassword={setPassword}
        usernameLabel={t('devices.detail.username')}
        passwordLabel={t('devices.detail.password')}
        usernameProblem={empty ? t('devices.detail.usernameRequired') : null}
      />
      <div className="tool-actions">
        <button type="submit" className="primary" disabled={state === 'saving'}>
          {state === 'saving' ? t('devices.detail.saving') : t('devices.detail.save')}
        </button>
        <span className="muted" role="status">
          {state === 'saved' ? t('devices.detail.saved') : ''}
        </span>
      </div>
    </form>
  );
}
