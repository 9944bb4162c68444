import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JOB_PAGE_SIZE } from '../../store/slices/jobs-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { bySlot, ownsInOrder } from '../row-window.ts';
import { useVirtualRows } from '../use-virtual-rows.ts';
import { JobResultRow, RESULT_COLUMNS } from './JobResultRow.tsx';
import { createRowTexts } from './result-row-text.ts';

/** Height of one results row in pixels (CSS `.result-row` uses the same). */
const ROW_HEIGHT = 36;

/** Height of the header row in pixels. */
const HEADER_HEIGHT = 36;

/**
 * Rows rendered beyond each edge of the view: about one wheel step (3 × 36 px). Every row rendered costs
 * layout and paint in every frame of a scroll; 10 made a frame about a quarter slower (`npm run bench -- --only ui`).
 */
const OVERSCAN = 3;

/** Column headers of an Alibaba Cloud job, where they differ: the device or space, the user id (and its type). */
const CLOUD_HEADERS: Partial<Record<(typeof RESULT_COLUMNS)[number], string>> = {
  terminal: 'jobs.results.scope',
  id: 'jobs.results.userId',
};

/**
 * The selected job's items (of an Alibaba Cloud job when `cloud`: one per user and device or space), filtered by outcome: only the rows in view are rendered
 * (`useVirtualRows`), and the pages they fall in are read through `jobs:show` as they scroll
 * into view (and again after progress). ARIA table roles keep it a table for assistive technology and tests.
 * The table reads the pages and terminals once and hands each row its item's texts (made once per item,
 * `createRowTexts`): rows have no hooks of their own, and a scroll translates nothing already shown. The rows
 * stay in the DOM in slot order, so a scroll never moves one (`bySlot`); `aria-owns` gives their order.
 */
export function JobResultsTable({ cloud = false }: { cloud?: boolean }) {
  const { t, i18n } = useTranslation();
  const matching = useAppStore((s) => s.jobView?.matching ?? 0);
  const version = useAppStore((s) => s.jobView?.version ?? 0);
  const filter = useAppStore((s) => s.jobView?.filter ?? null);
  const ensurePages = useAppStore((s) => s.ensureJobPages);
  const pages = useAppStore((s) => s.jobView?.pages);
  const terminals = useAppStore((s) => s.terminals);
  const [textOf] = useState(createRowTexts);
  const rowId = useId();
  const { scrollRef, totalSize, rows, first, last } = useVirtualRows(matching, ROW_HEIGHT, HEADER_HEIGHT, OVERSCAN);
  const firstPage = Math.floor(first / JOB_PAGE_SIZE);
  const lastPage = Math.floor(last / JOB_PAGE_SIZE);

  useEffect(() => {
    const pages: number[] = [];
    for (let page = firstPage; page <= lastPage; page++) pages.push(page);
    ensurePages(pages);
  }, [firstPage, lastPage, version, filter, ensurePages]);

  const loading = t('jobs.results.loading');
  const header = useMemo(
    () => (
      <div role="rowgroup" className="results-head">
        <div role="row" aria-rowindex={1} className="result-row result-row-head">
          {RESULT_COLUMNS.map((column) => (
            <div key={column} role="columnheader" className="cell">
              {t((cloud ? CLOUD_HEADERS[column] : undefined) ?? `jobs.results.${column}`)}
            </div>
          ))}
        </div>
      </div>
    ),
    [t, cloud],
  );

  return (
    <>
      <div
        ref={scrollRef}
        className="results-table"
        role="table"
        aria-label={t('jobs.results.label')}
        aria-rowcount={matching + 1}
        data-testid="results-table"
      >
        {header}
        <div
          role="rowgroup"
          className="results-body"
          style={{ height: totalSize }}
          aria-owns={ownsInOrder(rows, (key) => `${rowId}-${key}`)}
        >
          {bySlot(rows).map((row) => {
            const item = pages?.[Math.floor(row.index / JOB_PAGE_SIZE)]?.items[row.index % JOB_PAGE_SIZE];
            const text = item ? textOf(t, i18n.language, item, terminals[item.terminal], cloud) : null;
            return (
              <JobResultRow
                key={row.key}
                id={`${rowId}-${row.key}`}
                index={row.index}
                top={row.top}
                text={text}
                loading={loading}
              />
            );
          })}
        </div>
      </div>
      {matching === 0 && <p className="muted empty-results">{t('jobs.results.none')}</p>}
    </>
  );
}
