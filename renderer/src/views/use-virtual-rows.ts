import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type RefObject } from 'react';

/**
 * Rows are keyed by slot (index modulo this), not by index: while scrolling, a row that leaves the view hands
 * its DOM nodes to the one that enters (text updated in place) instead of being removed while another is
 * created. Larger than any number of rows rendered at once (view plus overscan), so slots never collide.
 */
const ROW_SLOTS = 256;

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
 * sticky header, 10 rows of overscan, one render a frame in React's batch while scrolling (not a synchronous
 * one per scroll event, @tanstack/react-virtual's default; measured with `npm run bench -- --only ui`), and
 * rows keyed by slot.
 */
export function useVirtualRows(count: number, rowHeight: number, headerHeight: number): VirtualRows {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer hands back fresh functions on each render; nothing here memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    scrollMargin: headerHeight,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  return {
    scrollRef,
    totalSize: virtualizer.getTotalSize(),
    rows: items.map((item) => ({ index: item.index, key: item.index % ROW_SLOTS, top: item.start - headerHeight })),
    first: items[0]?.index ?? 0,
    last: items.at(-1)?.index ?? 0,
  };
}
