import { describe, expect, it } from 'vitest';
import { rowWindow, sameWindow, windowSize } from './row-window.ts';

const TABLE = { count: 500_000, rowHeight: 36, headerHeight: 36, overscan: 3 };

describe('rowWindow', () => {
  it('renders the rows that fill the view at the top, plus the overscan below', () => {
    // 450 px of view: 13 rows in part, one more for a cut first row, 3 + 3 of overscan.
    expect(windowSize(TABLE, 450)).toBe(20);
    expect(rowWindow(TABLE, { scrollTop: 0, height: 450 })).toEqual({ first: 0, last: 19 });
  });

  it('follows the scroll offset, with the overscan on both sides', () => {
    // Scrolled by 1,000 rows plus half a row: row 1,000 is cut at the top.
    const scrollTop = 36 + 1_000 * 36 + 18;
    expect(rowWindow(TABLE, { scrollTop, height: 450 })).toEqual({ first: 997, last: 1_016 });
  });

  it('stops at the last row, still holding a whole window', () => {
    const scrollTop = 36 + 500_000 * 36 - 450;
    expect(rowWindow(TABLE, { scrollTop, height: 450 })).toEqual({ first: 499_980, last: 499_999 });
  });

  it('holds every slot in any window, so rows keyed by index modulo the size never collide or go unused', () => {
    const size = windowSize(TABLE, 450);
    for (const scrollTop of [0, 17, 36 * 25, 36 * 26 + 5, 36 * 12_345 + 30, 36 * 500_001]) {
      const { first, last } = rowWindow(TABLE, { scrollTop, height: 450 });
      const slots = new Set<number>();
      for (let index = first; index <= last; index++) slots.add(index % size);
      expect(slots.size).toBe(size);
    }
  });

  it('renders the overscan only before the view is measured', () => {
    expect(rowWindow(TABLE, { scrollTop: 0, height: 0 })).toEqual({ first: 0, last: 6 });
  });

  it('renders every row of a short table, and nothing of an empty one', () => {
    expect(rowWindow({ ...TABLE, count: 5 }, { scrollTop: 0, height: 450 })).toEqual({ first: 0, last: 4 });
    const empty = rowWindow({ ...TABLE, count: 0 }, { scrollTop: 0, height: 450 });
    expect(empty.last).toBeLessThan(empty.first);
  });

  it('keeps the window while the view moves within one row', () => {
    const at = (scrollTop: number) => rowWindow(TABLE, { scrollTop, height: 450 });
    expect(sameWindow(at(36 + 3_600), at(36 + 3_610))).toBe(true);
    expect(sameWindow(at(36 + 3_600), at(36 + 3_636))).toBe(false);
  });
});
