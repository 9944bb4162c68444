import { useTranslation } from 'react-i18next';
import { WIZARD_STEPS } from '../../store/slices/removal-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { InputStep } from './InputStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { TargetsStep } from './TargetsStep.tsx';

/** The wizard's steps as the technician sees them; the last one (run) continues in the Jobs view. */
const SHOWN_STEPS = [...WIZARD_STEPS, 'run'] as const;

/**
 * The "Remove identities" section: a wizard from the list of people (pasted, imported or picked) to the
 * terminals, the dry run and the run, which opens the job in the Jobs view.
 */
export function RemoveView() {
  const { t } = useTranslation();
  const step = useAppStore((s) => s.removalWizard.step);
  return (
    <div className="wizard">
      <ol className="wizard-steps" aria-label={t('remove.steps.label')}>
        {SHOWN_STEPS.map((shown, index) => (
          <li key={shown} aria-current={shown === step ? 'step' : undefined}>
            <span className="step-number">{index + 1}</span>
            {t(`remove.steps.${shown}`)}
          </li>
        ))}
      </ol>
      {step === 'input' ? <InputStep /> : step === 'targets' ? <TargetsStep /> : <ReviewStep />}
    </div>
  );
}
