import { describe, expect, it } from 'vitest';
import { bySlot, ownsInOrder, rowWindow, sameWindow, windowSize } from './row-window.ts';

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

describe('bySlot and ownsInOrder', () => {
  it('keep each row where it is in the DOM while the window moves, and give assistive technology the rows in order', () => {
    const size = windowSize(TABLE, 450);
    const rowsAt = (scrollTop: number) => {
      const { first, last } = rowWindow(TABLE, { scrollTop, height: 450 });
      const rows = [];
      for (let index = first; index <= last; index++) rows.push({ index, key: index % size });
      return rows;
    };
    const before = bySlot(rowsAt(36 + 1_000 * 36));
    const after = bySlot(rowsAt(36 + 1_005 * 36));
    // The DOM holds slots 0..size-1 in that order at every offset: no row moves, 5 rows show other items.
    expect(before.map((row) => row.key)).toEqual([...Array(size).keys()]);
    expect(after.map((row) => row.key)).toEqual([...Array(size).keys()]);
    expect(after.filter((row, slot) => row.index !== before[slot]!.index)).toHaveLength(5);
    // Window 1,002..1,021: slot 2 (index 1,002) first, then on to slot 1 (index 1,021) last.
    expect(after[2]!.index).toBe(1_002);
    expect(after[1]!.index).toBe(1_021);
    const owns = ownsInOrder(after, (key) => `row-${key}`).split(' ');
    expect(owns).toHaveLength(size);
    expect(owns.slice(0, 3)).toEqual(['row-2', 'row-3', 'row-4']);
    expect(owns.at(-1)).toBe('row-1');
  });
});
