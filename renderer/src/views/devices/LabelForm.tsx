import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LABEL_LENGTH, type Terminal } from '../../../../shared/domain/terminal.ts';
import { InlineError } from '../../components/InlineError.tsx';
import { labelScope } from '../../store/slices/device-actions-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { Field } from './Field.tsx';

/**
 * The technician's location label of a terminal ("Gate 3 entrance"), stored in the core and shown instead of
 * the advertised name everywhere; empty shows the advertised name again. Its error shows beside it.
 */
export function LabelForm({ terminal }: { terminal: Terminal }) {
  const { t } = useTranslation();
  const setLabel = useAppStore((s) => s.setTerminalLabel);
  const [label, setText] = useState(terminal.label ?? '');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    setSaid('');
    const text = label.trim();
    void setLabel(terminal.serial, text)
      .then((ok) => {
        if (ok) setSaid(text === '' ? 'deviceActions.label.cleared' : 'deviceActions.label.saved');
      })
      .finally(() => setBusy(false));
  };
  return (
    <form className="detail-block" aria-label={t('deviceActions.label.title')} onSubmit={submit}>
      <Field
        label={t('deviceActions.label.title')}
        value={label}
        maxLength={MAX_LABEL_LENGTH}
        autoComplete="off"
        hint={t('deviceActions.label.hint')}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="tool-actions">
        <button type="submit" disabled={busy}>
          {t('deviceActions.label.save')}
        </button>
        <span role="status" className="muted">
          {said ? t(said) : ''}
        </span>
      </div>
      <InlineError scope={labelScope(terminal.serial)} />
    </form>
  );
}
