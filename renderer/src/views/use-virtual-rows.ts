import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { rowWindow, sameWindow, windowSize, type RowViewport } from './row-window.ts';

/** Rows rendered beyond each edge of the view unless the table asks for another number. */
const DEFAULT_OVERSCAN = 10;

/** One row to render: its position among all rows, its React key (a slot) and its offset in the body (px). */
export interface VirtualRow {
  index: number;
  key: number;
  top: number;
}

/** What a virtual table renders: the scroll container's ref, the body's height, and the rows in view. */
export interface VirtualRows {
  scrollRef: RefObject<HTMLDivElement | null>;
  totalSize: number;
  rows: VirtualRow[];
  /** Index of the first and last row rendered (0 and 0 when there are none). */
  first: number;
  last: number;
}

/**
 * The shared virtualization of the app's big tables (Jobs results, Sync queue): fixed-height rows under a
 * sticky header, placed by arithmetic (`row-window.ts`: no measurement kept per row, so nothing grows with
 * the number of rows), `overscan` rows beyond each edge of the view (10 unless given), a render only when the
 * rows in view change and then in React's batch (not a synchronous one per scroll event; measured with
 * `npm run bench -- --only ui`), and rows keyed by slot.
 */
export function useVirtualRows(
  count: number,
  rowHeight: number,
  headerHeight: number,
  overscan: number = DEFAULT_OVERSCAN,
): VirtualRows {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<RowViewport>({ scrollTop: 0, height: 0 });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    // Whether a scroll changes the rows rendered; unbounded, so it holds whatever the count is by then.
    const unbounded = { count: Number.MAX_SAFE_INTEGER, rowHeight, headerHeight, overscan };
    let height = element.clientHeight;
    const read = (): RowViewport => ({ scrollTop: element.scrollTop, height });
    // A scroll reads only the offset (no forced layout) and renders only when the rows in view change.
    const onScroll = (): void => {
      const next = read();
      setViewport((shown) => (sameWindow(rowWindow(unbounded, shown), rowWindow(unbounded, next)) ? shown : next));
    };
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            height = element.clientHeight;
            setViewport(read());
          });
    element.addEventListener('scroll', onScroll, { passive: true });
    observer?.observe(element);
    // Before the first paint, the rows that fill the view (not only the overscan below the top).
    setViewport(read());
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [rowHeight, headerHeight, overscan]);

  const layout = { count, rowHeight, headerHeight, overscan };
  const { first, last } = rowWindow(layout, viewport);
  // Keyed by slot: a window always holds `windowSize` rows, so the rows of any window have every slot, and a
  // row that leaves hands its DOM nodes to the one that enters (text updated in place: no element created or
  // removed, no style computed afresh), whether the view moved by one row or by a page.
  const slots = windowSize(layout, viewport.height);
  const rows: VirtualRow[] = [];
  for (let index = first; index <= last; index++) rows.push({ index, key: index % slots, top: index * rowHeight });
  return {
    scrollRef,
    totalSize: count * rowHeight,
    rows,
    first: rows.length > 0 ? first : 0,
    last: rows.length > 0 ? last : 0,
  };
}
