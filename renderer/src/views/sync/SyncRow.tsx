import { itemReasonText } from '../../components/item-reason.ts';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operation } from '../../../../shared/domain/sync.ts';
import { useAppStore } from '../../store/store-context.tsx';
import type { DiscardRequest } from './DiscardDialog.tsx';
import { formatTime, targetNameOf } from './format.ts';

/** The columns of the sync table, in display order. */
export const SYNC_COLUMNS = ['state', 'target', 'subject', 'reason', 'queued', 'synced', 'actions'] as const;

/** What a row can ask its table to do. */
export interface SyncRowProps {
  /** 0-based position in the filtered list. */
  index: number;
  /** Where the virtualizer places the row (px): a number, so an unchanged row is not rendered again on scroll. */
  top: number;
  onDiscard(request: DiscardRequest): void;
}

/**
 * Reason codes whose translated sentence says all there is: the engine's detail would only say it again, in
 * English (issue 18: reasons printed twice). Its detail stays in the cell's tooltip.
 */
const SAID_BY_CODE: ReadonlySet<string> = new Set([
  'terminal-offline',
  'cloud-unreachable',
  'cloud-task-running',
  'job-paused',
  'waiting',
  'credentials',
  'drift-absent',
  'discarded',
  'superseded',
  'cancelled',
]);

/**
 * The reason cell: the translated sentence (for an unconfirmed removal, what that means and what Retry does),
 * then the engine's detail when the sentence does not already say it, the drift and who discarded it. The
 * tooltip has the detail always.
 */
function Reason({ op }: { op: Operation }) {
  const { t, i18n } = useTranslation();
  const sentence =
    op.outcome === 'unconfirmed' ? t('sync.unconfirmed') : op.reasonCode ? t(`sync.reason.${op.reasonCode}`) : null;
  const detailSaid = sentence !== null && op.reasonCode !== null && SAID_BY_CODE.has(op.reasonCode);
  const parts = [
    sentence,
    detailSaid ? null : itemReasonText(t, i18n.language, op),
    op.drift ? t('sync.drift', { detail: op.drift }) : null,
    op.discardedBy
      ? t('sync.discardedBy', { actor: op.discardedBy, time: formatTime(op.discardedAt, i18n.language) })
      : null,
  ].filter((p): p is string => p !== null && p !== '');
  const text = parts.join(' — ');
  const title = detailSaid && op.reason ? `${text} (${op.reason})` : text;
  return (
    <div role="cell" className="cell sync-reason" title={title}>
      {text}
    </div>
  );
}

/** One operation of the sync queue (a placeholder until its page arrives). Text only, never markup. */
export const SyncRow = memo(function SyncRow({ index, top, onDiscard }: SyncRowProps) {
  const style = { transform: `translateY(${top}px)` };
  const { t, i18n } = useTranslation();
  const op = useAppStore((s) => s.syncRows[index]);
  const retry = useAppStore((s) => s.retryOperations);
  const showSection = useAppStore((s) => s.showSection);
  const selectTerminal = useAppStore((s) => s.selectTerminal);
  if (!op) {
    return (
      <div role="row" aria-rowindex={index + 2} className="sync-row sync-row-loading" style={style}>
        <div role="cell" className="cell muted">
          {t('sync.loading')}
        </div>
      </div>
    );
  }
  const subject = op.subjectName ? `${op.subject} · ${op.subjectName}` : op.subject;
  const targetName = targetNameOf(t, op.targetKind, op.target, op.targetName);
  const discardable = op.state === 'queued' || op.state === 'needs-attention';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`sync-row sync-row-${op.state}`}
      style={style}
      data-testid={`sync-row-${op.id}`}
    >
      <div role="cell" className="cell">
        <span className={`sync-state sync-state-${op.state}`}>{t(`sync.state.${op.state}`)}</span>
      </div>
      <div role="cell" className="cell" title={`${targetName} (${op.target})`}>
        {op.channel ? `${targetName} · ${op.channel}` : targetName}
      </div>
      <div role="cell" className="cell" title={subject}>
        {subject}
      </div>
      <Reason op={op} />
      <div role="cell" className="cell">
        <span className="sync-time">{formatTime(op.queuedAt, i18n.language)}</span>
      </div>
      <div role="cell" className="cell">
        <span className="sync-time">{formatTime(op.syncedAt, i18n.language)}</span>
      </div>
      <div role="cell" className="cell sync-actions">
        {op.reasonCode === 'credentials' && op.targetKind === 'terminal' && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              showSection('devices');
              selectTerminal(op.target);
            }}
          >
            {t('sync.fixCredentials')}
          </button>
        )}
        {op.retryable && (
          <button type="button" onClick={() => void retry([op.id])}>
            {t('sync.retry')}
          </button>
        )}
        {discardable && (
          <button
            type="button"
            className="danger"
            onClick={() => onDiscard({ id: op.id, subject, target: targetName })}
          >
            {t('sync.discard')}
          </button>
        )}
      </div>
    </div>
  );
});
