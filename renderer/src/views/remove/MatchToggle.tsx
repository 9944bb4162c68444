import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';

/**
 * Whether the list is resolved per terminal through the site people index (by each vendor's id, else the exact
 * name; or by exact name only). On when people were added from the index; the technician can turn it on for a
 * pasted or imported list too.
 */
export function MatchToggle() {
  const { t } = useTranslation();
  const match = useAppStore((s) => s.removalWizard.match);
  const mode = useAppStore((s) => s.removalWizard.mode);
  const setMatch = useAppStore((s) => s.setRemovalMatch);
  if (mode !== 'people') return null;
  return (
    <div className="field people-match">
      <label className="check" title={t('people.match.hint')}>
        <input
          type="checkbox"
          checked={match !== null}
          onChange={(event) => setMatch(event.target.checked ? 'id' : null)}
        />
        <span>{t('people.match.label')}</span>
      </label>
      {match !== null && (
        <label className="check">
          <input
            type="checkbox"
            checked={match === 'name'}
            onChange={(event) => setMatch(event.target.checked ? 'name' : 'id')}
          />
          <span>{t('people.match.name')}</span>
        </label>
      )}
      <p className="muted">{t('people.match.hint')}</p>
    </div>
  );
}
