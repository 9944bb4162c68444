import { useTranslation } from 'react-i18next';
import type { RemovalPlan } from '../../../../shared/domain/removal.ts';
import { displayNameOf } from '../../../../shared/domain/terminal.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatAge } from './format-age.ts';
import { useNow } from './use-now.ts';

/**
 * The dry run's presence (a people list resolved through the index): per terminal how many of the list are
 * there, absent or unknown, how fresh its index is; then the people that cannot be resolved, with the
 * confirmation for ambiguous names. Nothing when the plan has no presence.
 */
export function PresenceTable({ plan }: { plan: RemovalPlan }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const known = useAppStore((s) => s.terminals);
  const confirm = useAppStore((s) => s.removalWizard.confirmAmbiguous);
  const setConfirm = useAppStore((s) => s.setConfirmAmbiguous);
  const replan = useAppStore((s) => s.planRemoval);
  if (!plan.terminals.some((x) => x.presence)) return null;
  const unresolved = plan.unresolved ?? [];
  const nameOf = (serial: string) =>
    (known[serial] ? displayNameOf(known[serial]) : plan.terminals.find((x) => x.serial === serial)?.name) || serial;
  const ambiguous = unresolved.some((u) => u.reason === 'ambiguous-name');
  return (
    <div className="presence">
      <table className="plain-table" aria-label={t('people.title')}>
        <thead>
          <tr>
            <th scope="col">{t('remove.review.table.terminal')}</th>
            <th scope="col" className="number">
              {t('people.presence.there')}
            </th>
            <th scope="col" className="number">
              {t('people.presence.absent')}
            </th>
            <th scope="col" className="number">
              {t('people.presence.unknown')}
            </th>
            <th scope="col">{t('people.presence.index')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.terminals.map((x) => (
            <tr key={x.serial} data-testid="presence-row" data-serial={x.serial}>
              <th scope="row" className="cell">
                {nameOf(x.serial)}
              </th>
              <td className="number" data-testid="presence-there">
                {x.presence?.present ?? '–'}
              </td>
              <td className="number">{x.presence?.absent ?? '–'}</td>
              <td className={x.presence?.unknown ? 'number warn-text' : 'number'}>{x.presence?.unknown ?? '–'}</td>
              <td>
                {x.presence?.staleness
                  ? t(`people.presence.${x.presence.staleness}`)
                  : x.presence?.readAt
                    ? t('people.presence.fresh', { age: formatAge(x.presence.readAt, now, i18n.language) })
                    : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {unresolved.length > 0 && (
        <div className="field-problem" role="alert" data-testid="unresolved">
          <p>{t('people.unresolved.title', { count: unresolved.length })}</p>
          <ul>
            {unresolved.slice(0, 50).map((u) => (
              <li key={`${u.line}/${u.reason}`}>
                {t('people.unresolved.line', {
                  line: u.line,
                  label: u.label,
                  terminals: u.serials.map(nameOf).join(', '),
                  reason: t(`people.unresolved.${u.reason}`, { candidates: u.candidates }),
                })}
              </li>
            ))}
          </ul>
          <p>{t('people.unresolved.blocked')}</p>
        </div>
      )}
      {(ambiguous || confirm) && (
        <label className="check">
          <input
            type="checkbox"
            checked={confirm}
            onChange={(event) => {
              setConfirm(event.target.checked);
              void replan();
            }}
          />
          <span>{t('people.unresolved.confirmAmbiguous')}</span>
        </label>
      )}
    </div>
  );
}
