import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { ColumnPicker } from './ColumnPicker.tsx';
import { InputSummary } from './InputSummary.tsx';
import { MatchToggle } from './MatchToggle.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import { PickedPeople } from './PickedPeople.tsx';
import { FacesOnlyToggle, FileInput, PasteInput } from './SourceInputs.tsx';

/**
 * Step 1 of the removal wizard: paste ids or import a CSV/TSV file (read by the core), pick its columns,
 * see the counts and the errors by line; people picked in Devices join the list.
 */
export function InputStep() {
  const { t } = useTranslation();
  const headingId = useId();
  // The list is in the core: its reading and counts are here, never its items.
  const input = useAppStore((s) => s.removalWizard.draft?.input ?? null);
  const fileName = useAppStore((s) => s.removalWizard.draft?.label ?? null);
  const mode = useAppStore((s) => s.removalWizard.mode);
  const reading = useAppStore((s) => s.removalWizard.reading);
  const total = useAppStore((s) => s.removalWizard.draft?.total ?? 0);
  const clear = useAppStore((s) => s.clearRemovalInput);
  const showStep = useAppStore((s) => s.showRemovalStep);
  return (
    <section className="wizard-step" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('remove.input.title')}</h2>
      <FacesOnlyToggle />
      <div className="input-sources">
        <PasteInput />
        <FileInput />
      </div>
      {reading && (
        <p className="muted" role="status">
          {t('remove.input.reading')}
        </p>
      )}
      {input && (
        <div className="tool-card" aria-busy={reading}>
          <InputSummary input={input} fileName={fileName} />
          {input.table && <ColumnPicker input={input} />}
          <div className="tool-actions">
            <button type="button" onClick={() => void clear()}>
              {t('remove.input.clear')}
            </button>
          </div>
        </div>
      )}
      <PickedPeople />
      {mode === 'people' && <PeoplePanel />}
      <MatchToggle />
      <footer className="wizard-footer">
        <span data-testid="removal-total">
          {total > 0 ? t('remove.input.total', { count: total }) : t('remove.input.nothing')}
        </span>
        <button type="button" className="primary" disabled={total === 0 || reading} onClick={() => showStep('targets')}>
          {t('remove.input.next')}
        </button>
      </footer>
    </section>
  );
}
