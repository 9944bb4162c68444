import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';

/** What the dialog asks to discard: one operation (named for the technician), or every one needing attention. */
export type DiscardRequest = { id: string; subject: string; target: string } | 'all-needs-attention';

/**
 * Asks before discarding: a modal dialog that names what will never be sent and says it stays in the history.
 * "Keep it" has the focus; Escape closes it.
 */
export function DiscardDialog({ request, onClose }: { request: DiscardRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const discard = useAppStore((s) => s.discardOperations);
  const attention = useAppStore((s) => s.syncStatus?.counts['needs-attention'] ?? 0);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  const keep = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    keep.current?.focus();
  }, []);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    await discard(request === 'all-needs-attention' ? 'all' : [request.id]);
    setBusy(false);
    onClose();
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 id={titleId}>{request === 'all-needs-attention' ? t('sync.dialog.titleMany') : t('sync.dialog.title')}</h2>
        <p id={bodyId}>
          {request === 'all-needs-attention'
            ? t('sync.dialog.bodyMany', { count: attention })
            : t('sync.dialog.body', { subject: request.subject, target: request.target })}
        </p>
        <div className="tool-actions">
          <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
            {t('sync.dialog.confirm')}
          </button>
          <button type="button" ref={keep} onClick={onClose}>
            {t('sync.dialog.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
