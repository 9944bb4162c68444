import { useTranslation } from 'react-i18next';
import { displayNameOf } from '../../../../shared/domain/terminal.ts';
import type { RemovalPlan } from '../../../../shared/domain/removal.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatCount } from '../devices/format.ts';
import { StatusBadge } from '../devices/StatusBadge.tsx';
import { formatDuration } from './format-duration.ts';

/** The dry run per terminal: status, items to send, items without an id, requests and estimated time. */
export function PlanTable({ plan }: { plan: RemovalPlan }) {
  const { t, i18n } = useTranslation();
  const count = (value: number) => formatCount(value, i18n.language);
  // The technician's location labels live in the inventory; the plan carries the advertised names.
  const known = useAppStore((s) => s.terminals);
  return (
    <div className="plan-scroll">
      <table className="plain-table plan-table" aria-label={t('remove.review.table.label')}>
        <thead>
          <tr>
            <th scope="col">{t('remove.review.table.terminal')}</th>
            <th scope="col">{t('remove.review.table.kind')}</th>
            <th scope="col">{t('remove.review.table.address')}</th>
            <th scope="col">{t('remove.review.table.status')}</th>
            <th scope="col" className="number">
              {t('remove.review.table.items')}
            </th>
            <th scope="col" className="number">
              {t('remove.review.table.unplannable')}
            </th>
            <th scope="col" className="number">
              {t('remove.review.table.requests')}
            </th>
            <th scope="col" className="number">
              {t('remove.review.table.time')}
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.terminals.map((terminal) => {
            const name = displayNameOf(known[terminal.serial] ?? terminal) || t('devices.unnamed');
            return (
              <tr key={terminal.serial}>
                <th scope="row" className="cell" title={`${name} (${terminal.serial})`}>
                  {name}
                </th>
                <td className="cell">{t(`devices.kind.${terminal.kind}`)}</td>
                <td className="cell" title={terminal.address}>
                  {terminal.address}
                </td>
                <td>
                  <StatusBadge online={terminal.online} />
                </td>
                <td className="number">{count(terminal.items)}</td>
                <td className={terminal.unplannable > 0 ? 'number warn-text' : 'number'}>
                  {count(terminal.unplannable)}
                </td>
                <td className="number">{count(terminal.requests)}</td>
                <td className="number nowrap">
                  {formatDuration(terminal.estimatedMs, i18n.language) ?? t('remove.review.underASecond')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
