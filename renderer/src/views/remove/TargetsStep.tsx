import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { canRemove, capabilitiesOf, isApiV0 } from '../../../../shared/domain/capabilities.ts';
import { displayNameOf, type Terminal } from '../../../../shared/domain/terminal.ts';
import { endpointOf } from '../../store/devices/terminal-table.ts';
import { aliyunPartOf } from '../../store/slices/removal-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { StatusBadge } from '../devices/StatusBadge.tsx';
import { AliyunTargets } from './AliyunTargets.tsx';

/** Terminals a removal can target (a known kind), by name then address. */
function targetable(terminals: Record<string, Terminal>): Terminal[] {
  return Object.values(terminals).sort(
    (a, b) =>
      (displayNameOf(a) || a.serial).localeCompare(displayNameOf(b) || b.serial) ||
      endpointOf(a).localeCompare(endpointOf(b), 'en'),
  );
}

/**
 * Why a terminal cannot be chosen for a removal, as a translation key, or null when it can: an unknown kind,
 * firmware too old (BAS-IP API v0), not trusted yet, or in an identity conflict (the core refuses those too).
 */
export function notChoosableReason(terminal: Terminal): string | null {
  if (terminal.kind === 'unknown') return 'remove.targets.unknownKind';
  if (isApiV0(terminal)) return 'remove.targets.tooOld';
  if (!canRemove(capabilitiesOf(terminal))) return 'remove.targets.unknownKind';
  if (terminal.trust === 'conflict') return 'remove.targets.conflict';
  if (terminal.trust !== 'trusted') return 'remove.targets.untrusted';
  return null;
}

/**
 * Step 2: which terminals the people are removed from. Every terminal of the inventory is listed with its
 * status (offline ones are marked: their items will wait, queued); terminals that cannot be sent a removal
 * (unknown kind, API v0, not trusted, in an identity conflict) cannot be chosen, with the reason beside them. Select all / none. Beside them, Alibaba Cloud devices or spaces (terminals, Alibaba, or both).
 * Then the dry run.
 */
export function TargetsStep() {
  const { t } = useTranslation();
  const headingId = useId();
  const terminals = useAppStore(useShallow((s) => targetable(s.terminals)));
  const targets = useAppStore((s) => s.removalWizard.targets);
  const busy = useAppStore((s) => s.removalWizard.busy);
  const setTargets = useAppStore((s) => s.setRemovalTargets);
  const showStep = useAppStore((s) => s.showRemovalStep);
  const plan = useAppStore((s) => s.planRemoval);
  const aliyun = useAppStore((s) => {
    const part = aliyunPartOf(s);
    return part === null || part === 'problem' ? part : 'ready';
  });
  const choosable = terminals.filter((terminal) => notChoosableReason(terminal) === null);
  const chosen = targets.filter((serial) => choosable.some((terminal) => terminal.serial === serial));
  const toggle = (serial: string, on: boolean) =>
    setTargets(on ? [...chosen, serial] : chosen.filter((s) => s !== serial));

  return (
    <section className="wizard-step" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('remove.targets.title')}</h2>
      {terminals.length === 0 ? (
        <p className="muted">{t('remove.targets.empty')}</p>
      ) : (
        <div className="tool-card">
          <div className="tool-actions">
            <button type="button" onClick={() => setTargets(choosable.map((terminal) => terminal.serial))}>
              {t('remove.targets.all')}
            </button>
            <button type="button" onClick={() => setTargets([])}>
              {t('remove.targets.none')}
            </button>
            <span className="muted" data-testid="targets-chosen">
              {t('remove.targets.chosen', { chosen: chosen.length, count: choosable.length })}
            </span>
          </div>
          <div role="group" aria-label={t('remove.targets.label')} className="target-list">
            {terminals.map((terminal) => {
              const name = displayNameOf(terminal) || t('devices.unnamed');
              const reason = notChoosableReason(terminal);
              return (
                <label key={terminal.serial} className={reason ? 'target disabled' : 'target'}>
                  <input
                    type="checkbox"
                    checked={chosen.includes(terminal.serial)}
                    disabled={reason !== null}
                    onChange={(event) => toggle(terminal.serial, event.target.checked)}
                  />
                  <span className="cell target-name" title={name}>
                    {name}
                  </span>
                  <span className="cell muted">{t(`devices.kind.${terminal.kind}`)}</span>
                  <span className="cell muted" title={terminal.serial}>
                    {endpointOf(terminal)}
                  </span>
                  <StatusBadge online={terminal.online} />
                  {reason && <span className="muted">{t(reason)}</span>}
                  {!reason && !terminal.online && <span className="muted">{t('remove.targets.offlineNote')}</span>}
                </label>
              );
            })}
          </div>
        </div>
      )}
      <AliyunTargets />
      <footer className="wizard-footer">
        <button type="button" onClick={() => showStep('input')}>
          {t('remove.back')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || aliyun === 'problem' || (chosen.length === 0 && aliyun !== 'ready')}
          onClick={() => void plan()}
        >
          {busy ? t('remove.targets.planning') : t('remove.targets.next')}
        </button>
      </footer>
    </section>
  );
}
