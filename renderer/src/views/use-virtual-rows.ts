import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { watchViewport } from './watch-viewport.ts';
import { rowWindow, sameWindow, windowRows, type RowViewport, type VirtualRow } from './row-window.ts';

export type { VirtualRow } from './row-window.ts';

/** Rows rendered beyond each edge of the view unless the table asks for another number. */
const DEFAULT_OVERSCAN = 10;

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
    // Before the first paint (onResize runs at once), the rows that fill the view (not only the overscan below the top).
    return watchViewport(element, onScroll, () => {
      height = element.clientHeight;
      setViewport(read());
    });
  }, [rowHeight, headerHeight, overscan]);

  // Keyed by slot (`windowRows`): a row that leaves hands its DOM nodes to the one that enters (text updated in
  // place: no element created or removed, no style computed afresh).
  const rows = windowRows({ count, rowHeight, headerHeight, overscan }, viewport);
  return {
    scrollRef,
    totalSize: count * rowHeight,
    rows,
    first: rows[0]?.index ?? 0,
    last: rows.at(-1)?.index ?? 0,
  };
}
