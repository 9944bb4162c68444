import { memo } from 'react';
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

/** Props of {@link JobResultRow}. */
export interface JobResultRowProps {
  /** The row's element id, which the body's `aria-owns` lists in the rows' order. */
  id?: string;
  /** 0-based position among the items matching the filter. */
  index: number;
  /**
   * Where the virtualizer places the row (px from the top of the body). A number, not a style object, so an
   * unchanged row keeps its props and is not rendered again while the table scrolls.
   */
  top: number;
  /** The item's texts (`result-row-text.ts`); null while its page is being read. */
  text: ResultRowText | null;
  /** What a row shows while its page is being read ("Loading…"). */
  loading: string;
}

/**
 * One item of the results table (a placeholder until its page arrives): its outcome and, beside it, the evidence
 * that decided it. No hooks and no translation here: the table hands each row its texts, made once per item
 * (`createRowTexts`), so a row that moves to another item only has its DOM text and attributes updated.
 * Vendor codes and reasons are rendered as text, never as markup.
 */
export const JobResultRow = memo(function JobResultRow({ id, index, top, text, loading }: JobResultRowProps) {
  const style = { transform: `translateY(${top}px)` };
  if (!text) {
    return (
      <div role="row" id={id} aria-rowindex={index + 2} className="result-row result-row-loading" style={style}>
        <div role="cell" className="cell muted">
          {loading}
        </div>
      </div>
    );
  }
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={index + 2}
      className="result-row"
      style={style}
      data-testid="result-row"
      data-outcome={text.outcome}
      data-evidence={text.evidence}
    >
      <div role="cell" className="cell two-line" title={text.terminalTitle}>
        <span>{text.terminalName}</span>
        {text.terminalEndpoint !== null && <span className="muted">{text.terminalEndpoint}</span>}
      </div>
      <div role="cell" className="cell number" title={text.line}>
        {text.line}
      </div>
      <div role="cell" className="cell" title={text.name}>
        {text.name}
      </div>
      <div role="cell" className="cell two-line" title={text.idTitle}>
        <span>{text.id}</span>
        <span className="muted">{text.idKind}</span>
      </div>
      <div role="cell" className="cell" title={text.outcomeTitle}>
        <span className={`outcome outcome-${text.outcome}`}>{text.outcomeText}</span>
      </div>
      <div role="cell" className={`cell ${text.evidenceClass}`} title={text.evidenceText}>
        {text.evidenceText}
      </div>
      <div role="cell" className="cell reason" title={text.reason}>
        {text.reason}
      </div>
      <div role="cell" className="cell" title={text.code}>
        {text.code}
      </div>
      <div role="cell" className="cell number" title={text.attempts}>
        {text.attempts}
      </div>
    </div>
  );
});
