import { useTranslation } from 'react-i18next';
import { ColumnKindSchema, type ColumnKind } from '../../../../shared/domain/people-import.ts';
import type { DraftInput } from '../../../../shared/domain/removal-draft.ts';
import { kindOfColumn, PICKER_KINDS } from '../../store/removal/removal-list.ts';
import { useAppStore } from '../../store/store-context.tsx';

/** The first values a column holds, joined for a glance. */
function samplesOf(input: DraftInput, index: number): string {
  return input.preview
    .map((row) => row.cells[index]?.trim() ?? '')
    .filter((cell) => cell !== '')
    .join(', ');
}

/**
 * The column picker of an imported table: one row per detected column with its label, sample values and
 * the kind the importer suggests; the technician can give each column another kind (or none), and the
 * list is read again with that mapping. Why a mapping cannot be used is shown under the table.
 */
export function ColumnPicker({ input }: { input: DraftInput }) {
  const { t } = useTranslation();
  const mode = useAppStore((s) => s.removalWizard.mode);
  const reading = useAppStore((s) => s.removalWizard.reading);
  const setKind = useAppStore((s) => s.setRemovalColumnKind);
  const offered = PICKER_KINDS[mode];
  return (
    <section className="column-picker" aria-label={t('remove.columns.label')}>
      <h3>{t('remove.columns.label')}</h3>
      <table className="plain-table">
        <thead>
          <tr>
            <th scope="col">{t('remove.columns.column')}</th>
            <th scope="col">{t('remove.columns.samples')}</th>
            <th scope="col">{t('remove.columns.suggested')}</th>
            <th scope="col">{t('remove.columns.kind')}</th>
          </tr>
        </thead>
        <tbody>
          {input.columns.map((column) => {
            const current = kindOfColumn(input.mapping, column.index);
            const samples = samplesOf(input, column.index);
            return (
              <tr key={column.index}>
                <th scope="row" className="cell" title={column.label}>
                  {column.label}
                </th>
                <td className="cell muted" title={samples}>
                  {samples}
                </td>
                <td className="cell">
                  {column.suggestedKind ? t(`remove.kinds.${column.suggestedKind}`) : t('remove.columns.none')}
                </td>
                <td>
                  <select
                    aria-label={t('remove.columns.kindOf', { label: column.label })}
                    value={current ?? ''}
                    disabled={reading}
                    onChange={(event) => {
                      const picked = ColumnKindSchema.safeParse(event.target.value);
                      void setKind(column.index, picked.success ? picked.data : null);
                    }}
                  >
                    <option value="">{t('remove.columns.unused')}</option>
                    {[...new Set<ColumnKind>([...offered, ...(current ? [current] : [])])].map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`remove.kinds.${kind}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {input.mappingProblem && (
        <p className="field-problem" data-testid="mapping-problem">
          {t('remove.columns.problem', { message: input.mappingProblem })}
        </p>
      )}
    </section>
  );
}
