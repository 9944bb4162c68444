import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { Field } from './Field.tsx';

type Kind = '' | 'sophon' | 'basip';
type Problem = 'address' | 'username' | null;

/**
 * "Add by address": an IP, IP:port or URL, optionally the kind and credentials. An empty address (or a
 * password without a username) is explained inline; what the core refuses shows in the error banner.
 */
export function AddTerminalForm() {
  const { t } = useTranslation();
  const kindId = useId();
  const addTerminal = useAppStore((s) => s.addTerminal);
  const adding = useAppStore((s) => s.adding);
  const [address, setAddress] = useState('');
  const [kind, setKind] = useState<Kind>('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const [added, setAdded] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const typed = address.trim();
    const user = username.trim();
    const found: Problem = typed === '' ? 'address' : password !== '' && user === '' ? 'username' : null;
    setProblem(found);
    if (found) return;
    const terminal = await addTerminal({
      address: typed,
      ...(kind ? { kind } : {}),
      ...(user ? { credentials: { username: user, password } } : {}),
    });
    if (!terminal) return;
    // Clear what was sent, unless the technician has already typed the next one.
    const clearIf = (sent: string) => (current: string) => (current === sent ? '' : current);
    setAddress(clearIf(address));
    setUsername(clearIf(username));
    setPassword(clearIf(password));
    setAdded(terminal.name || terminal.serial);
  };

  return (
    <form className="tool-card" noValidate aria-label={t('devices.add.legend')} onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('devices.add.legend')}</legend>
        <Field
          label={t('devices.add.address')}
          value={address}
          autoComplete="off"
          spellCheck={false}
          placeholder="192.168.1.20"
          hint={t('devices.add.addressHint')}
          problem={problem === 'address' ? t('devices.add.addressRequired') : null}
          onChange={(event) => setAddress(event.target.value)}
        />
        <div className="field">
          <label htmlFor={kindId}>{t('devices.add.kind')}</label>
          <select id={kindId} value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
            <option value="">{t('devices.add.detect')}</option>
            <option value="sophon">{t('devices.kind.sophon')}</option>
            <option value="basip">{t('devices.kind.basip')}</option>
          </select>
        </div>
        <div className="field-row">
          <Field
            label={t('devices.add.username')}
            value={username}
            autoComplete="off"
            problem={problem === 'username' ? t('devices.add.usernameRequired') : null}
            onChange={(event) => setUsername(event.target.value)}
          />
          <Field
            label={t('devices.add.password')}
            type="password"
            value={password}
            autoComplete="new-password"
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <div className="tool-actions">
          <button type="submit" className="primary" disabled={adding}>
            {adding ? t('devices.add.adding') : t('devices.add.submit')}
          </button>
          <span className="muted notice" role="status" title={added ?? undefined}>
            {added !== null ? t('devices.add.added', { name: added }) : ''}
          </span>
        </div>
      </fieldset>
    </form>
  );
}
