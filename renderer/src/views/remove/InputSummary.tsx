import { useTranslation } from 'react-i18next';
import type { ImportIssue } from '../../../../shared/domain/people-import.ts';
import type { DraftInput } from '../../../../shared/domain/removal-draft.ts';
import { formatCount } from '../devices/format.ts';

/** Where the list came from: the file, its encoding and delimiter, and the header line. */
function SourceLine({ input, fileName }: { input: DraftInput; fileName: string | null }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (fileName !== null) parts.push(fileName);
  if (input.encoding) parts.push(t(`remove.summary.encoding.${input.encoding}`));
  if (input.table && input.delimiter) parts.push(t(`remove.summary.delimiter.${delimiterName(input.delimiter)}`));
  if (input.table) {
    parts.push(
      input.headerLine !== null ? t('remove.summary.header', { line: input.headerLine }) : t('remove.summary.noHeader'),
    );
  }
  if (parts.length === 0) return null;
  return (
    <p className="muted source-line" data-testid="input-source" title={parts.join(' · ')}>
      {parts.join(' · ')}
    </p>
  );
}

const delimiterName = (delimiter: string): 'comma' | 'tab' | 'semicolon' =>
  delimiter === '\t' ? 'tab' : delimiter === ';' ? 'semicolon' : 'comma';

/**
 * One row error: its line (and column, in a table), and what is wrong in the interface language (the core's
 * sentence on hover).
 */
function IssueItem({ issue, table }: { issue: ImportIssue; table: boolean }) {
  const { t } = useTranslation();
  const column = !table || issue.column === undefined ? '' : t('remove.errors.column', { column: issue.column + 1 });
  return (
    <li title={issue.message}>
      {t('remove.errors.line', { line: issue.line, column, text: t(`remove.issues.${issue.code}`) })}
    </li>
  );
}

/**
 * What reading the input found: rows, people to remove, duplicates dropped, invalid rows and blank lines,
 * then every row error with its line number.
 */
export function InputSummary({ input, fileName }: { input: DraftInput; fileName: string | null }) {
  const { t, i18n } = useTranslation();
  const { list } = input;
  const counts: [string, number, string][] = [
    ['rows', list.totalRows, t('remove.summary.rows')],
    ['items', list.valid, t('remove.summary.items')],
    ['duplicates', list.duplicates, t('remove.summary.duplicates')],
    ['invalid', list.invalidRows, t('remove.summary.invalid')],
    ['blank', list.blankLines, t('remove.summary.blank')],
  ];
  return (
    <section className="input-summary" aria-label={t('remove.summary.label')}>
      <SourceLine input={input} fileName={fileName} />
      <dl className="counts">
        {counts.map(([key, value, label]) => (
          <div key={key} className="count" data-testid={`count-${key}`}>
            <dt>{label}</dt>
            <dd>{formatCount(value, i18n.language)}</dd>
          </div>
        ))}
      </dl>
      {list.errors.length > 0 && (
        <div className="issue-list" role="region" aria-label={t('remove.errors.label')}>
          <ul>
            {list.errors.map((issue, index) => (
              <IssueItem key={`${issue.line}:${issue.column ?? ''}:${index}`} issue={issue} table={input.table} />
            ))}
          </ul>
          {input.moreErrors > 0 && <p className="muted">{t('remove.errors.more', { count: input.moreErrors })}</p>}
        </div>
      )}
    </section>
  );
}
