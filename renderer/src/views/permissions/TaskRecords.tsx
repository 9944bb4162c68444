import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RecordStateSchema,
  type CredentialBreakdown,
  type PersonRecord,
} from '../../../../shared/domain/permissions.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { SelectField } from '../settings/form-parts.tsx';

/** Height of one record row in pixels (CSS `.record-row` uses the same). */
const ROW_HEIGHT = 34;

const KINDS = ['person', 'face', 'card', 'cardPassword', 'fingerprint'] as const;

/** The credentials that failed for one person, in words ("Face, Card"). */
function failedKinds(breakdown: CredentialBreakdown | null, label: (kind: (typeof KINDS)[number]) => string): string {
  if (!breakdown) return '';
  return KINDS.filter((k) => breakdown[k].failed + breakdown[k].deleteFailed > 0)
    .map(label)
    .join(', ');
}

/** The per-credential totals of a task: sent, failed, deleted, failed to delete, per kind. */
function Breakdown({ credentials }: { credentials: CredentialBreakdown }) {
  const { t } = useTranslation();
  return (
    <table className="data-table breakdown" aria-label={t('permissions.detail.breakdown')}>
      <thead>
        <tr>
          <th scope="col">{t('permissions.detail.credential')}</th>
          <th scope="col">{t('permissions.detail.issued')}</th>
          <th scope="col">{t('permissions.detail.failed')}</th>
          <th scope="col">{t('permissions.detail.deleted')}</th>
          <th scope="col">{t('permissions.detail.deleteFailed')}</th>
        </tr>
      </thead>
      <tbody>
        {KINDS.map((kind) => (
          <tr key={kind}>
            <th scope="row">{t(`permissions.detail.kinds.${kind}`)}</th>
            <td>{credentials[kind].issued}</td>
            <td>{credentials[kind].failed}</td>
            <td>{credentials[kind].deleted}</td>
            <td>{credentials[kind].deleteFailed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The per-person records, virtualized; the next page loads when the end comes into view. */
function RecordTable({ records, matching }: { records: PersonRecord[]; matching: number }) {
  const { t } = useTranslation();
  const more = useAppStore((s) => s.loadMoreRecords);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer hands back fresh functions on each render; nothing here memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: records.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => records[index]?.recordId ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (last >= records.length - 5 && records.length < matching) void more();
  }, [last, records.length, matching, more]);
  const kind = (k: (typeof KINDS)[number]) => t(`permissions.detail.kinds.${k}`);
  return (
    <div
      className="record-table"
      role="table"
      aria-label={t('permissions.detail.records')}
      aria-rowcount={matching + 1}
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="record-row record-head">
          <div role="columnheader">{t('permissions.detail.personId')}</div>
          <div role="columnheader">{t('permissions.detail.name')}</div>
          <div role="columnheader">{t('permissions.detail.state')}</div>
          <div role="columnheader">{t('permissions.detail.failedCredentials')}</div>
        </div>
      </div>
      <div ref={scrollRef} className="record-scroll">
        <div role="rowgroup" className="record-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const r = records[item.index];
            if (!r) return null;
            return (
              <div
                key={r.recordId}
                role="row"
                aria-rowindex={item.index + 2}
                className="record-row"
                data-state={r.state}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <div role="cell">{r.personId ?? t('permissions.detail.none')}</div>
                <div role="cell">{r.name ?? t('permissions.detail.none')}</div>
                <div role="cell">{t(`permissions.recordState.${r.state}`)}</div>
                <div role="cell">{failedKinds(r.breakdown, kind)}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The open task: its per-credential breakdown and its per-person records, filtered by state. */
export function TaskRecords() {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.openTask);
  const openRecords = useAppStore((s) => s.openTaskRecords);
  if (!open) return null;
  const detail = open.detail;
  const channel = detail?.channelName ?? detail?.channelId ?? open.taskId;
  const title = t('permissions.detail.title', { channel });
  return (
    <section className="panel task-records" aria-label={title} aria-busy={open.loading}>
      <div className="panel-head">
        <h2>{title}</h2>
        <button type="button" onClick={() => void openRecords(null)}>
          {t('permissions.detail.close')}
        </button>
      </div>
      {detail && !detail.task.recordsStored && <p className="muted">{t('permissions.detail.notStored')}</p>}
      {detail?.credentials && <Breakdown credentials={detail.credentials} />}
      <SelectField
        label={t('permissions.detail.filter')}
        value={open.filter}
        onChange={(v) =>
          void openRecords(open.taskId, v === 'all' ? 'all' : RecordStateSchema.catch('failed').parse(v))
        }
      >
        <option value="all">{t('permissions.detail.all')}</option>
        {RecordStateSchema.options.map((state) => (
          <option key={state} value={state}>
            {t(`permissions.recordState.${state}`)}
          </option>
        ))}
      </SelectField>
      {detail && detail.matching === 0 && detail.task.recordsStored && (
        <p className="muted">{t('permissions.detail.empty')}</p>
      )}
      {detail && detail.matching > 0 && (
        <>
          <RecordTable records={open.records} matching={detail.matching} />
          <p className="muted" role="status">
            {t('permissions.detail.count', { shown: open.records.length, count: detail.matching })}
          </p>
        </>
      )}
    </section>
  );
}
