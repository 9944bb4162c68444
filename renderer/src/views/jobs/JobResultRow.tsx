import { memo } from 'react';
import { displayNameOf } from '../../../../shared/domain/terminal.ts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { JobItem } from '../../../../shared/domain/removal.ts';
import { JOB_PAGE_SIZE } from '../../store/slices/jobs-slice.ts';
import { endpointOf } from '../../store/devices/terminal-table.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { itemReasonText } from '../../components/item-reason.ts';
import { evidenceText } from './evidence-text.ts';
import { terminalLabel } from './terminal-label.ts';

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

/**
 * Why the item is where it is: its recorded reason in the user's language; for an item queued without one (its
 * terminal, or the cloud of an Alibaba Cloud job, did not answer), the sync queue's words for it.
 */
function reasonOf(t: TFunction, language: string, item: JobItem, cloud: boolean): string | null {
  const said = itemReasonText(t, language, item);
  if (said !== null || item.outcome !== 'queued') return said;
  return t(cloud ? 'sync.reason.cloud-unreachable' : 'sync.reason.terminal-offline');
}

/** A cell cut with an ellipsis when too long; the full text shows on hover. */
function TextCell({ text, className }: { text: string; className?: string }) {
  return (
    <div role="cell" className={className ? `cell ${className}` : 'cell'} title={text}>
      {text}
    </div>
  );
}

/** Props of {@link JobResultRow}. */
export interface JobResultRowProps {
  /** 0-based position among the items matching the filter. */
  index: number;
  /**
   * Where the virtualizer places the row (px from the top of the body). A number, not a style object, so an
   * unchanged row keeps its props and is not rendered again while the table scrolls.
   */
  top: number;
  /** An Alibaba Cloud job: the evidence is the cloud's ("Cloud confirmed"). */
  cloud?: boolean;
}

/**
 * One item of the results table, read from its loaded page (a placeholder until the page arrives): its outcome
 * and, beside it, the evidence that decided it. Vendor codes and reasons are rendered as text, never as markup.
 */
export const JobResultRow = memo(function JobResultRow({ index, top, cloud = false }: JobResultRowProps) {
  const style = { transform: `translateY(${top}px)` };
  const { t, i18n } = useTranslation();
  const item = useAppStore((s) => s.jobView?.pages[Math.floor(index / JOB_PAGE_SIZE)]?.items[index % JOB_PAGE_SIZE]);
  const terminal = useAppStore((s) => (item ? s.terminals[item.terminal] : undefined));
  if (!item) {
    return (
      <div role="row" aria-rowindex={index + 2} className="result-row result-row-loading" style={style}>
        <div role="cell" className="cell muted">
          {t('jobs.results.loading')}
        </div>
      </div>
    );
  }
  const outcome = item.outcome ?? 'pending';
  const none = t('devices.none');
  const id = item.faceId ? `${item.nativeId} / ${item.faceId}` : item.nativeId;
  const evidence = evidenceText(t, item, cloud);
  const outcomeText = t(`jobs.outcome.${outcome}`);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="result-row"
      style={style}
      data-testid="result-row"
      data-outcome={outcome}
      data-evidence={item.evidence ?? 'none'}
    >
      <div role="cell" className="cell two-line" title={terminalLabel(terminal, item.terminal, t('devices.unnamed'))}>
        <span>{terminal ? displayNameOf(terminal) || t('devices.unnamed') : item.terminal}</span>
        {terminal && <span className="muted">{endpointOf(terminal)}</span>}
      </div>
      <TextCell text={item.line === null ? none : String(item.line)} className="number" />
      <TextCell text={item.name ?? none} />
      <div role="cell" className="cell two-line" title={`${item.idKind}: ${id}`}>
        <span>{id}</span>
        <span className="muted">{item.idKind}</span>
      </div>
      <div role="cell" className="cell" title={evidence ? `${outcomeText} · ${evidence}` : outcomeText}>
        <span className={`outcome outcome-${outcome}`}>{outcomeText}</span>
      </div>
      <TextCell text={evidence ?? none} className={item.evidence ? 'evidence' : 'evidence muted'} />
      <TextCell text={reasonOf(t, i18n.language, item, cloud) ?? none} className="reason" />
      <TextCell text={item.rawCode ?? none} />
      <TextCell text={String(item.attempts)} className="number" />
    </div>
  );
});
