import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import {
  bySlot,
  rowWindow,
  sameWindow,
  windowRows,
  type RowLayout,
  type RowViewport,
  type RowWindow,
  type VirtualRow,
} from './row-window.ts';
import { watchViewport } from './watch-viewport.ts';

/**
 * Paints the rows of the window into the body's pooled row elements: the element of slot `key` is
 * `body.children[key]` (React renders the pool in slot order, and a window's slots are 0 to its size - 1).
 */
export type PaintRows = (rows: VirtualRow[], body: HTMLElement) => void;

/** What a pooled virtual table renders: the scroll container's and the body's refs, the body's height, the pool. */
export interface RowPool {
  scrollRef: RefObject<HTMLDivElement | null>;
  bodyRef: RefObject<HTMLDivElement | null>;
  totalSize: number;
  /**
   * The rows of the window as this render sees it, in slot order: one element each. React renders a slot's
   * element when it first appears, with this row's content; from then on `paint` keeps it up to date.
   */
  rows: VirtualRow[];
}

/** What the scroll handler paints with: the layout, `paint` and the view's height of the last commit. */
interface Latest {
  layout: RowLayout;
  paint: PaintRows;
  height: number;
}

/**
 * Virtual rows as a fixed pool of elements whose content is set in the DOM directly: React renders the pool
 * (a row per slot of the window, `windowRows`) and renders it again only when the view's height or the number
 * of rows changes it; a scroll that changes the rows in view calls `paint` from the scroll event, before the
 * frame's layout, with no React render; and every commit of the table paints again (its data may have
 * changed). The layout arithmetic is `useVirtualRows`'s (`row-window.ts`).
 */
export function useRowPool(
  count: number,
  rowHeight: number,
  headerHeight: number,
  overscan: number,
  paint: PaintRows,
): RowPool {
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  // Where the view stood when its height last changed: what React renders the pool from (the offset may be
  // stale by then; the painter shows the rows of the live one before the frame is drawn).
  const [viewport, setViewport] = useState<RowViewport>({ scrollTop: 0, height: 0 });
  // What the scroll handler reads and writes without a render: the live offset, the window painted last.
  const scroll = useRef<ScrollState>({ top: 0, shown: null });
  const layout: RowLayout = { count, rowHeight, headerHeight, overscan };
  const latest = useRef<Latest>({ layout, paint, height: viewport.height });

  useLayoutEffect(() => {
    latest.current = { layout, paint, height: viewport.height };
    paintWindow(bodyRef.current, latest.current, scroll.current);
  });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const state = scroll.current;
    const onScroll = (): void => {
      state.top = element.scrollTop;
      const { layout: now, height } = latest.current;
      const next = rowWindow(now, { scrollTop: state.top, height });
      if (state.shown === null || !sameWindow(state.shown, next)) paintWindow(bodyRef.current, latest.current, state);
    };
    const read = (): RowViewport => ({ scrollTop: element.scrollTop, height: element.clientHeight });
    // Before the first paint (onResize runs at once), the rows that fill the view (not only the overscan below the top).
    state.top = element.scrollTop;
    return watchViewport(element, onScroll, () => setViewport(read()));
  }, []);

  return {
    scrollRef,
    bodyRef,
    totalSize: count * rowHeight,
    rows: bySlot(windowRows(layout, viewport)),
  };
}

/** The live scroll offset and the window painted last. */
interface ScrollState {
  top: number;
  shown: RowWindow | null;
}

/** Paints the window at the last scroll offset into `body` (nothing before the body is in the DOM). */
function paintWindow(body: HTMLElement | null, latest: Latest, scroll: ScrollState): void {
  if (!body) return;
  const viewport = { scrollTop: scroll.top, height: latest.height };
  scroll.shown = rowWindow(latest.layout, viewport);
  latest.paint(windowRows(latest.layout, viewport), body);
}
