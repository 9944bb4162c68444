import { useTranslation } from 'react-i18next';
import type { TerminalPerson } from '../../store/slices/devices-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';

/** Props of {@link PickPeopleBar}. */
export interface PickPeopleBarProps {
  serial: string;
  /** The people ticked in the list (on any page). */
  chosen: readonly TerminalPerson[];
  /** Called once they are in the removal list, so the ticks can be cleared. */
  onAdded(): void;
}

/**
 * Under a terminal's people list: "Add N to the removal list" for the ticked people, how many the removal
 * list holds from picks, and a way to open it.
 */
export function PickPeopleBar({ serial, chosen, onAdded }: PickPeopleBarProps) {
  const { t } = useTranslation();
  const pick = useAppStore((s) => s.pickPeople);
  const picked = useAppStore((s) => s.removalWizard.draft?.picked ?? 0);
  const showSection = useAppStore((s) => s.showSection);
  return (
    <div className="tool-actions pick-bar">
      <button
        type="button"
        disabled={chosen.length === 0}
        onClick={() => {
          void pick(serial, chosen);
          onAdded();
        }}
      >
        {t('devices.people.pickAdd', { count: chosen.length })}
      </button>
      <span className="muted" role="status" data-testid="picked-count">
        {picked > 0 ? t('devices.people.picked', { count: picked }) : ''}
      </span>
      {picked > 0 && (
        <button type="button" className="link-button" onClick={() => showSection('remove')}>
          {t('devices.people.openRemoval')}
        </button>
      )}
    </div>
  );
}
