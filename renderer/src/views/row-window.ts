/** The rows of a fixed-height table to render: first and last index (inclusive), none when `last < first`. */
export interface RowWindow {
  first: number;
  last: number;
}

/** Where a scrolled table stands: its scroll offset and the height of its view (px). */
export interface RowViewport {
  scrollTop: number;
  height: number;
}

/** The geometry of a fixed-height table: rows, their height, the header above them, the rows kept beyond the view. */
export interface RowLayout {
  count: number;
  rowHeight: number;
  headerHeight: number;
  overscan: number;
}

/**
 * How many rows a window holds: as many as the view can show in part (one more than fit, as the first may be
 * cut at the top), plus `overscan` beyond each edge. The same at every scroll offset, so that rows keyed by
 * index modulo this number (`useVirtualRows`) keep every key, whatever the distance scrolled.
 */
export function windowSize(layout: RowLayout, height: number): number {
  return Math.ceil(Math.max(0, height) / layout.rowHeight) + 1 + 2 * layout.overscan;
}

/**
 * The rows to render in a scroll container whose content is a header of `headerHeight` px above `count` rows
 * of `rowHeight` px each: always `windowSize` rows (fewer only when the table has fewer), from `overscan`
 * rows above the first in view, moved up at the end of the table. Arithmetic only: no per-row measurement,
 * so its cost does not grow with the number of rows (a 500,000-item job costs what a 50-item one does).
 */
export function rowWindow(layout: RowLayout, viewport: RowViewport): RowWindow {
  const { count, rowHeight, headerHeight, overscan } = layout;
  if (count <= 0 || rowHeight <= 0) return { first: 0, last: -1 };
  const size = windowSize(layout, viewport.height);
  const firstInView = Math.floor(Math.max(0, viewport.scrollTop - headerHeight) / rowHeight);
  const first = Math.max(0, Math.min(firstInView - overscan, count - size));
  return { first, last: Math.min(count - 1, first + size - 1) };
}

/** One row to render: its position among all rows, its React key (a slot) and its offset in the body (px). */
export interface VirtualRow {
  index: number;
  key: number;
  top: number;
}

/**
 * The rows of the window ({@link rowWindow}) in index order, each keyed by its slot: index modulo
 * {@link windowSize}. A window always holds `windowSize` rows, so the rows of any window have every slot, and a
 * row that leaves hands its slot (its DOM nodes) to the one that enters, whether the view moved by one row or
 * by a page.
 */
export function windowRows(layout: RowLayout, viewport: RowViewport): VirtualRow[] {
  const { first, last } = rowWindow(layout, viewport);
  const slots = windowSize(layout, viewport.height);
  const rows: VirtualRow[] = [];
  for (let index = first; index <= last; index++)
    rows.push({ index, key: index % slots, top: index * layout.rowHeight });
  return rows;
}

/** Whether two windows render the same rows. */
export function sameWindow(a: RowWindow, b: RowWindow): boolean {
  return a.first === b.first && a.last === b.last;
}

/**
 * The rows of a window in the order of their slots (their keys, index modulo the window's size), for the DOM.
 * In index order, a scroll that moves the window by `k` rows makes React move the `k` rows that wrap around to
 * the other end, and a moved element is detached and attached again: its style and layout made afresh. In slot
 * order no row ever moves; the rows that change items only have their text and attributes updated. The order
 * for assistive technology is given apart, with `aria-owns` in index order ({@link ownsInOrder}).
 */
export function bySlot<T extends { key: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.key - b.key);
}

/** The `aria-owns` of a body whose rows are in slot order: the rows' ids (`idOf` their key) in index order. */
export function ownsInOrder<T extends { index: number; key: number }>(
  rows: readonly T[],
  idOf: (key: number) => string,
): string {
  return [...rows]
    .sort((a, b) => a.index - b.index)
    .map((row) => idOf(row.key))
    .join(' ');
}
