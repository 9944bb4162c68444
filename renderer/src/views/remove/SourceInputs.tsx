import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { bytesToBase64, MAX_IMPORT_BYTES, readFileBytes } from './file-bytes.ts';

/** The paste box: ids separated by lines, commas or spaces (or a spreadsheet range with its header row). */
export function PasteInput() {
  const { t } = useTranslation();
  const id = useId();
  const read = useAppStore((s) => s.readRemovalInput);
  const reading = useAppStore((s) => s.removalWizard.reading);
  const [text, setText] = useState('');
  return (
    <div className="tool-card">
      <div className="field">
        <label htmlFor={id}>{t('remove.input.paste')}</label>
        <textarea
          id={id}
          className="paste-box"
          rows={7}
          spellCheck={false}
          value={text}
          placeholder={t('remove.input.pastePlaceholder')}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="tool-actions">
        <button
          type="button"
          className="primary"
          disabled={reading || text.trim() === ''}
          onClick={() => void read({ kind: 'paste', text })}
        >
          {reading ? t('remove.input.reading') : t('remove.input.read')}
        </button>
      </div>
    </div>
  );
}

/** The file picker: the file's bytes are read here and decoded by the core (UTF-8 with or without BOM, GB18030). */
export function FileInput() {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const read = useAppStore((s) => s.readRemovalInput);
  const reading = useAppStore((s) => s.removalWizard.reading);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // picking the same file again reads it again
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setProblem(t('remove.input.tooLarge', { name: file.name, size: MAX_IMPORT_BYTES / 1024 / 1024 }));
      return;
    }
    try {
      const bytes = await readFileBytes(file);
      setProblem(null);
      await read({ kind: 'file', fileName: file.name, base64: bytesToBase64(bytes) });
    } catch {
      setProblem(t('remove.input.unreadable', { name: file.name }));
    }
  };

  return (
    <div className="tool-card">
      <div className="field">
        <label htmlFor={id}>{t('remove.input.file')}</label>
        <input
          id={id}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          disabled={reading}
          aria-describedby={hintId}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => void pick(event)}
        />
        <p id={hintId} className={problem ? 'field-problem' : 'field-hint'}>
          {problem ?? t('remove.input.fileHint')}
        </p>
      </div>
    </div>
  );
}

/** "Remove faces only": the list then names single faces of Sophon persons, and the people stay. */
export function FacesOnlyToggle() {
  const { t } = useTranslation();
  const hintId = useId();
  const mode = useAppStore((s) => s.removalWizard.mode);
  const setMode = useAppStore((s) => s.setRemovalMode);
  const reading = useAppStore((s) => s.removalWizard.reading);
  return (
    <div className="mode-toggle">
      <label className="check">
        <input
          type="checkbox"
          checked={mode === 'faces-only'}
          disabled={reading}
          aria-describedby={hintId}
          onChange={(event) => void setMode(event.target.checked ? 'faces-only' : 'people')}
        />
        <span>{t('remove.input.facesOnly')}</span>
      </label>
      <p id={hintId} className="field-hint">
        {t('remove.input.facesOnlyHint')}
      </p>
    </div>
  );
}
