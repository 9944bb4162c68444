import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JOB_PAGE_SIZE } from '../../store/slices/jobs-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { ownsInOrder } from '../row-window.ts';
import { useRowPool, type PaintRows } from '../use-row-pool.ts';
import { JobResultRow, RESULT_COLUMNS } from './JobResultRow.tsx';
import { paintResultRow } from './result-row-paint.ts';
import { createRowTexts, type ResultRowText } from './result-row-text.ts';

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
 * The selected job's items (of an Alibaba Cloud job when `cloud`: one per user and device or space), filtered by
 * outcome: a pool of row elements, one per slot of the rows in view (`useRowPool`), and the pages they fall in
 * are read through `jobs:show` as they scroll into view (and again after progress). ARIA table roles keep it a
 * table for assistive technology and tests. React renders the pool; a scroll, a page that arrives or a new
 * language paints the items in view into it (`paintResultRow`: only the texts and attributes that differ), with
 * each item's texts made once (`createRowTexts`). The rows stay in the DOM in slot order, so a scroll never
 * moves one; `aria-owns` gives their order.
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
  // The pages last asked for, so that a scroll inside them asks nothing.
  const asked = useRef('');
  const rowId = useId();
  const loading = t('jobs.results.loading');
  const language = i18n.language;
  const textAt = (index: number): ResultRowText | null => {
    const item = pages?.[Math.floor(index / JOB_PAGE_SIZE)]?.items[index % JOB_PAGE_SIZE];
    return item ? textOf(t, language, item, terminals[item.terminal], cloud) : null;
  };
  const paint: PaintRows = (rows, body) => {
    for (const row of rows) {
      const element = body.children[row.key] as HTMLElement | undefined;
      if (element) paintResultRow(element, row.index, row.top, textAt(row.index), loading);
    }
    const owns = ownsInOrder(rows, (key) => `${rowId}-${key}`);
    if (body.getAttribute('aria-owns') !== owns) body.setAttribute('aria-owns', owns);
    const firstPage = Math.floor((rows[0]?.index ?? 0) / JOB_PAGE_SIZE);
    const lastPage = Math.floor((rows.at(-1)?.index ?? 0) / JOB_PAGE_SIZE);
    const key = `${firstPage}|${lastPage}|${version}|${filter ?? ''}|${matching}`;
    if (key === asked.current) return;
    asked.current = key;
    const wanted: number[] = [];
    for (let page = firstPage; page <= lastPage; page++) wanted.push(page);
    ensurePages(wanted);
  };
  const { scrollRef, bodyRef, totalSize, rows } = useRowPool(matching, ROW_HEIGHT, HEADER_HEIGHT, OVERSCAN, paint);

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
          ref={bodyRef}
          role="rowgroup"
          className="results-body"
          style={{ height: totalSize }}
          aria-owns={ownsInOrder(rows, (key) => `${rowId}-${key}`)}
        >
          {rows.map((row) => (
            <JobResultRow
              key={row.key}
              id={`${rowId}-${row.key}`}
              index={row.index}
              top={row.top}
              text={textAt(row.index)}
              loading={loading}
            />
          ))}
        </div>
      </div>
      {matching === 0 && <p className="muted empty-results">{t('jobs.results.none')}</p>}
    </>
  );
}
