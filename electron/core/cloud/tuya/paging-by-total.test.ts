import { describe, expect, it } from 'vitest';
import { readAllByTotal, readWindow, type FetchPage } from './paging-by-total.ts';
import type { Page } from './schemas.ts';

/** A collection of `n` rows served in pages; `cap` holds pages to that many rows (offset = (page-1) × size). */
function collection(n: number, options: { cap?: number; total?: number | null; stopAt?: number } = {}) {
  const rows = Array.from({ length: n }, (_, i) => i);
  const calls: Array<[number, number]> = [];
  const fetch: FetchPage<number> = (page, pageSize) => {
    calls.push([page, pageSize]);
    const size = options.cap !== undefined ? Math.min(options.cap, pageSize) : pageSize;
    const start = (page - 1) * size;
    const end = Math.min(start + size, options.stopAt ?? n);
    const items = start < end ? rows.slice(start, end) : [];
    const answer: Page<number> = {
      items,
      total: options.total === undefined ? n : options.total,
      // A lying hasMore: the reads must not trust it.
      hasMore: false,
    };
    return Promise.resolve(answer);
  };
  return { rows, calls, fetch };
}

describe('readAllByTotal', () => {
  it('reads every row when pages are full', async () => {
    const c = collection(250);
    const read = await readAllByTotal(c.fetch, 100);
    expect(read).toMatchObject({ total: 250, complete: true });
    expect(read.items).toEqual(c.rows);
    expect(c.calls).toEqual([
      [1, 100],
      [2, 100],
      [3, 100],
    ]);
  });

  it('goes on after a short page while the total says more (a silent cap), in the capped size', async () => {
    const c = collection(230, { cap: 40 });
    const read = await readAllByTotal(c.fetch, 100);
    expect(read.complete).toBe(true);
    expect(read.items).toEqual(c.rows);
    expect(c.calls[0]).toEqual([1, 100]);
    expect(c.calls.slice(1).every(([, size]) => size === 40)).toBe(true);
  });

  it('is incomplete when the rows stop before the total, or no total is stated', async () => {
    const stopped = await readAllByTotal(collection(300, { stopAt: 150 }).fetch, 100);
    expect(stopped).toMatchObject({ complete: false, total: 300 });
    expect(stopped.items).toHaveLength(150);
    const untold = await readAllByTotal(collection(30, { total: null }).fetch, 100);
    expect(untold).toMatchObject({ complete: false, total: null });
  });

  it('is complete for an empty collection', async () => {
    expect(await readAllByTotal(collection(0).fetch, 100)).toEqual({ items: [], total: 0, complete: true });
  });
});

describe('readWindow', () => {
  it('answers one page when the cloud answers it whole, and a short last page as complete', async () => {
    const c = collection(120);
    expect(await readWindow(c.fetch, 50, 50)).toEqual({ items: c.rows.slice(50, 100), total: 120, complete: true });
    expect(await readWindow(c.fetch, 100, 50)).toEqual({ items: c.rows.slice(100), total: 120, complete: true });
    expect(c.calls).toEqual([
      [2, 50],
      [3, 50],
    ]);
  });

  it('rebuilds the window from capped pages when the cloud caps silently', async () => {
    const c = collection(230, { cap: 30 });
    const read = await readWindow(c.fetch, 100, 100);
    expect(read).toMatchObject({ total: 230, complete: true });
    expect(read.items).toEqual(c.rows.slice(100, 200));
  });

  it('is incomplete when the rows stop before the total', async () => {
    const read = await readWindow(collection(300, { cap: 30, stopAt: 120 }).fetch, 100, 50);
    expect(read.complete).toBe(false);
    expect(read.items).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
  });
});
