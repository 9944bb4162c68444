import { memo } from 'react';
import { evidenceCellClass, outcomeClass, rowClass } from './result-row-paint.ts';
import type { ResultRowText } from './result-row-text.ts';

/** The columns of the results table, in display order: the outcome, the evidence that decided it, then why (before the vendor's raw code). */
export const RESULT_COLUMNS = [
  'terminal',
  'line',
  'name',
  'id',
  'outcome',
  'evidence',
  'reason',
  'code',
  'attempts',
] as const;

/** A cell of one text, which is also its title (hidden and empty while the row's item is loading: no `value`). */
function TextCell({ className, value }: { className: string; value: string | undefined }) {
  return (
    <div role="cell" className={className} title={value} hidden={value === undefined}>
      {value}
    </div>
  );
}

/** Props of {@link JobResultRow}: what the row shows when React first renders it. */
export interface JobResultRowProps {
  /** The row's element id, which the body's `aria-owns` lists in the rows' order. */
  id?: string;
  /** 0-based position among the items matching the filter. */
  index: number;
  /** Where the virtualizer places the row (px from the top of the body). */
  top: number;
  /** The item's texts (`result-row-text.ts`); null while its page is being read. */
  text: ResultRowText | null;
  /** What a row shows while its page is being read ("Loading…"). */
  loading: string;
}

/**
 * One row element of the results table's pool (a placeholder until its item's page arrives): its outcome and,
 * beside it, the evidence that decided it. React renders it once, when its slot appears, with what it shows
 * then; from then on the table paints the item in view into it (`paintResultRow`, no React render), so this
 * markup is also the shape the painter fills: the item's nine cells and the loading cell, the ones not in use
 * hidden and empty. Vendor codes and reasons are rendered as text, never as markup.
 */
export const JobResultRow = memo(
  function JobResultRow({ id, index, top, text, loading }: JobResultRowProps) {
    const waiting = text === null;
    return (
      <div
        role="row"
        id={id}
        aria-rowindex={index + 2}
        className={rowClass(waiting)}
        style={{ transform: `translateY(${top}px)` }}
        data-testid={waiting ? undefined : 'result-row'}
        data-outcome={text?.outcome}
        data-evidence={text?.evidence}
      >
        <div role="cell" className="cell two-line" title={text?.terminalTitle} hidden={waiting}>
          <span>{text?.terminalName}</span>
          <span className="muted" hidden={(text?.terminalEndpoint ?? null) === null}>
            {text?.terminalEndpoint}
          </span>
        </div>
        <TextCell className="cell number" value={text?.line} />
        <TextCell className="cell" value={text?.name} />
        <div role="cell" className="cell two-line" title={text?.idTitle} hidden={waiting}>
          <span>{text?.id}</span>
          <span className="muted">{text?.idKind}</span>
        </div>
        <div role="cell" className="cell" title={text?.outcomeTitle} hidden={waiting}>
          <span className={outcomeClass(text)}>{text?.outcomeText}</span>
        </div>
        <TextCell className={evidenceCellClass(text)} value={text?.evidenceText} />
        <TextCell className="cell reason" value={text?.reason} />
        <TextCell className="cell" value={text?.code} />
        <TextCell className="cell number" value={text?.attempts} />
        <div role="cell" className="cell muted" hidden={!waiting}>
          {waiting ? loading : null}
        </div>
      </div>
    );
  },
  // Rendered once per slot: the table paints every later change (`paintResultRow`).
  () => true,
);
