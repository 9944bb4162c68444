import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayNameOf } from '../../../../shared/domain/terminal.ts';
import { InlineError } from '../../components/InlineError.tsx';
import { endpointOf } from '../../store/devices/terminal-table.ts';
import { ADD_SCOPE } from '../../store/slices/devices-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { AddProgress } from './AddProgress.tsx';
import { Field } from './Field.tsx';

type Kind = '' | 'sophon' | 'basip';
type Problem = 'address' | 'username' | null;

/**
 * "Add by address": an IP, IP:port or URL, optionally the kind and credentials. An empty address (or a
 * password without a username) is explained inline; what the core refuses shows beside the form; while it runs
 * the form shows the address tried, for how long, and Cancel (nothing is then added). A device
 * that contradicts a trusted terminal (claims its serial, or answers at its pinned address as another) is not
 * added: the form says so and opens the terminal in conflict, where the technician resolves it.
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
  const selectTerminal = useAppStore((s) => s.selectTerminal);
  const cancelled = useRef(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    cancelled.current = false;
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
    if (!terminal) {
      if (cancelled.current) setAdded(t('deviceActions.add.cancelled'));
      return;
    }
    // Clear what was sent, unless the technician has already typed the next one.
    const clearIf = (sent: string) => (current: string) => (current === sent ? '' : current);
    setAddress(clearIf(address));
    setUsername(clearIf(username));
    setPassword(clearIf(password));
    const name = displayNameOf(terminal) || terminal.serial;
    if (terminal.trust === 'conflict') {
      // The device answering there contradicts a trusted terminal: nothing was sent to it; show that terminal.
      setAdded(t('devices.add.claims', { name, serial: terminal.serial, where: endpointOf(terminal) }));
      selectTerminal(terminal.serial);
      return;
    }
    setAdded(t('devices.add.added', { name }));
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
            {added ?? ''}
          </span>
        </div>
        <AddProgress onCancelled={() => (cancelled.current = true)} />
        <InlineError scope={ADD_SCOPE} />
      </fieldset>
    </form>
  );
}
