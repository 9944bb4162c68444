import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Terminal } from '../../../../shared/domain/terminal.ts';
import { endpointOf } from '../../store/devices/terminal-table.ts';
import { aliyunPartOf } from '../../store/slices/removal-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { StatusBadge } from '../devices/StatusBadge.tsx';
import { AliyunTargets } from './AliyunTargets.tsx';

/** Terminals a removal can target (a known kind), by name then address. */
function targetable(terminals: Record<string, Terminal>): Terminal[] {
  return Object.values(terminals).sort(
    (a, b) =>
      (a.name || a.serial).localeCompare(b.name || b.serial) || endpointOf(a).localeCompare(endpointOf(b), 'en'),
  );
}

/**
 * Step 2: which terminals the people are removed from. Every terminal of the inventory is listed with its
 * status (offline ones are marked: their items will wait, queued); terminals of unknown kind cannot be
 * chosen. Select all / none. Beside them, Alibaba Cloud devices or spaces (terminals, Alibaba, or both).
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
  const choosable = terminals.filter((terminal) => terminal.kind !== 'unknown');
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
              const name = terminal.name || t('devices.unnamed');
              const unknown = terminal.kind === 'unknown';
              return (
                <label key={terminal.serial} className={unknown ? 'target disabled' : 'target'}>
                  <input
                    type="checkbox"
                    checked={chosen.includes(terminal.serial)}
                    disabled={unknown}
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
                  {unknown && <span className="muted">{t('remove.targets.unknownKind')}</span>}
                  {!unknown && !terminal.online && <span className="muted">{t('remove.targets.offlineNote')}</span>}
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
