import { useTranslation } from 'react-i18next';
import { INDEX_SOURCE } from '../../../../shared/domain/removal-draft.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { terminalLabel } from '../jobs/terminal-label.ts';

/**
 * The people picked from terminals' lists in Devices, each with the terminal it came from and a way to
 * take it out again. Says how to pick when there are none; picks are not used in faces-only mode.
 */
export function PickedPeople() {
  const { t } = useTranslation();
  // The first page of the picks (the core holds them all); the count is of all of them.
  const picked = useAppStore((s) => s.removalWizard.picked);
  const count = useAppStore((s) => s.removalWizard.draft?.picked ?? 0);
  const mode = useAppStore((s) => s.removalWizard.mode);
  const terminals = useAppStore((s) => s.terminals);
  const unpick = useAppStore((s) => s.unpickPerson);
  const showSection = useAppStore((s) => s.showSection);
  return (
    <section className="tool-card picked" aria-label={t('remove.picked.title')}>
      <h3>
        {t('remove.picked.title')}
        <span className="muted">{t('remove.picked.count', { count })}</span>
      </h3>
      {count === 0 ? (
        <p className="muted">
          {t('remove.picked.hint')}{' '}
          <button type="button" className="link-button inline" onClick={() => showSection('devices')}>
            {t('remove.picked.openDevices')}
          </button>
        </p>
      ) : (
        <>
          {mode !== 'people' && <p className="field-problem">{t('remove.picked.ignored')}</p>}
          <ul className="picked-list">
            {picked.map((person) => {
              const from =
                person.serial === INDEX_SOURCE
                  ? t('people.fromIndex')
                  : terminalLabel(terminals[person.serial], person.serial, t('devices.unnamed'));
              const name = person.name || person.id;
              return (
                <li key={`${person.serial}\n${person.id}`}>
                  <span className="cell" title={`${name} · ${person.id} · ${from}`}>
                    {name} <span className="muted">{t('remove.picked.from', { id: person.id, terminal: from })}</span>
                  </span>
                  <button
                    type="button"
                    aria-label={t('remove.picked.remove', { name })}
                    onClick={() => void unpick(person.serial, person.id)}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
          {count > picked.length && (
            <p className="muted" data-testid="picked-more">
              {t('remove.picked.more', { count: count - picked.length })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
