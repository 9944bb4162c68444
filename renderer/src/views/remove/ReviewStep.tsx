import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemovalPlan } from '../../../../shared/domain/removal.ts';
import { confirmsCount, needsTypedConfirmation } from '../../store/removal/removal-list.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatCount } from '../devices/format.ts';
import { AliyunReview, scopesText } from './AliyunReview.tsx';
import { PlanTable } from './PlanTable.tsx';
import { PresenceTable } from './PresenceTable.tsx';
import { formatDuration } from './format-duration.ts';

/** What the technician should know before running: offline terminals, items that will fail, risky picks. */
function Warnings({ plan, panelLocal }: { plan: RemovalPlan; panelLocal: number }) {
  const { t } = useTranslation();
  const nameOf = (serial: string) => plan.terminals.find((p) => p.serial === serial)?.name || serial;
  const warnings: string[] = [];
  if (plan.offline.length > 0) {
    warnings.push(
      t('remove.review.offline', { count: plan.offline.length, names: plan.offline.map(nameOf).join(', ') }),
    );
  }
  if (plan.unplannableItems > 0) warnings.push(t('remove.review.unplannable', { count: plan.unplannableItems }));
  if (plan.skipped.length > 0) warnings.push(t('remove.review.skipped', { count: plan.skipped.length }));
  if (panelLocal > 0) warnings.push(t('remove.review.panelLocal', { count: panelLocal }));
  if (warnings.length === 0) return null;
  return (
    <ul className="warnings" aria-label={t('remove.review.warnings')}>
      {warnings.map((warning) => (
        <li key={warning}>{warning}</li>
      ))}
    </ul>
  );
}

/**
 * The terminals' part of the review: the summary, the warnings, the dry run per terminal, and verification
 * (reading every terminal back afterwards: on unless the technician turns it off).
 */
function TerminalReview({ plan, people }: { plan: RemovalPlan; people: number }) {
  const { t, i18n } = useTranslation();
  const wizard = useAppStore((s) => s.removalWizard);
  const setVerify = useAppStore((s) => s.setRemovalVerify);
  const panelLocal = wizard.draft?.panelLocal ?? 0;
  const duration = formatDuration(plan.estimatedMs, i18n.language);
  const time = duration === null ? t('remove.review.underASecond') : t('remove.review.about', { time: duration });
  const summaryKey = plan.mode === 'faces-only' ? 'remove.review.summaryFaces' : 'remove.review.summary';
  return (
    <>
      <p className="plan-summary" data-testid="plan-summary">
        {t(summaryKey, {
          count: people,
          people: formatCount(people, i18n.language),
          terminals: t('jobs.terminals', { count: plan.terminals.length }),
          items: formatCount(plan.totalItems, i18n.language),
          time,
        })}
      </p>
      <Warnings plan={plan} panelLocal={panelLocal} />
      <PlanTable plan={plan} />
      <PresenceTable plan={plan} />
      <label className="check verify" title={t('remove.review.verifyHint')}>
        <input
          type="checkbox"
          checked={wizard.verify}
          disabled={wizard.busy}
          onChange={(event) => void setVerify(event.target.checked)}
        />
        <span>{t('remove.review.verify')}</span>
      </label>
    </>
  );
}

/**
 * Step 3: the dry run (removal:plan) per terminal, the warnings, an optional verification, the Alibaba part
 * (ids, batches), and a typed confirmation above 100 people or 10 terminals, devices and spaces; "Remove now"
 * starts the jobs (terminals and/or Alibaba Cloud) and opens the first in Jobs.
 */
export function ReviewStep() {
  const { t } = useTranslation();
  const headingId = useId();
  const confirmId = useId();
  const wizard = useAppStore((s) => s.removalWizard);
  const showStep = useAppStore((s) => s.showRemovalStep);
  const start = useAppStore((s) => s.startRemoval);
  const [typed, setTyped] = useState('');
  const { plan, aliyunPlan } = wizard;
  const people = wizard.draft?.total ?? 0;
  const terminals = plan?.terminals.length ?? 0;
  const terminalsText = t('jobs.terminals', { count: terminals });
  const scopes = aliyunPlan?.request.scopeIds.length ?? 0;
  const mustConfirm = needsTypedConfirmation(people, terminals + scopes);
  const confirmed = !mustConfirm || confirmsCount(typed, people);
  const back = (
    <button type="button" onClick={() => showStep('targets')}>
      {t('remove.back')}
    </button>
  );

  if (!plan && !aliyunPlan) {
    return (
      <section className="wizard-step" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('remove.review.title')}</h2>
        <p className="muted">{t('remove.review.noPlan')}</p>
        <footer className="wizard-footer">{back}</footer>
      </section>
    );
  }
  const confirmText = !aliyunPlan
    ? t('remove.review.confirmText', { people, terminals: terminalsText })
    : t(plan ? 'remove.aliyun.review.confirmBoth' : 'remove.aliyun.review.confirmCloud', {
        people,
        terminals: terminalsText,
        scopes: scopesText(t, aliyunPlan),
      });
  return (
    <section className="wizard-step" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('remove.review.title')}</h2>
      {plan && <TerminalReview plan={plan} people={people} />}
      {aliyunPlan && <AliyunReview plan={aliyunPlan} terminalsToo={plan !== null} />}
      {mustConfirm && (
        <div className="confirm typed-confirm" role="group" aria-label={t('remove.review.confirmTitle')}>
          <p className="confirm-text">{confirmText}</p>
          <div className="field">
            <label htmlFor={confirmId}>{t('remove.review.confirmLabel', { people })}</label>
            <input
              id={confirmId}
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              aria-invalid={typed !== '' && !confirmed ? true : undefined}
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
        </div>
      )}
      <footer className="wizard-footer">
        {back}
        <button
          type="button"
          className="primary danger-fill"
          disabled={!confirmed || wizard.busy || (plan?.unresolved?.length ?? 0) > 0}
          onClick={() => void start()}
        >
          {wizard.busy ? t('remove.review.starting') : t('remove.review.run', { count: people })}
        </button>
      </footer>
    </section>
  );
}
