import { describe, expect, it } from 'vitest';
import { DriverError, type PeoplePage, type TerminalSession } from '../drivers/driver.ts';
import { READ_INCOMPLETE, readPresence } from './presence.ts';

/** A terminal of `count` people whose list answers like some real firmware does (see each option). */
function terminal(
  count: number,
  options: { cap?: number; totals?: boolean; total?: (page: number) => number; ignorePaging?: boolean } = {},
): { session: TerminalSession; pages: [number, number][] } {
  const ids = Array.from({ length: count }, (_, i) => String(100000 + i));
  const pages: [number, number][] = [];
  const listPeople = async (pageIndex: number, pageSize: number): Promise<PeoplePage> => {
    pages.push([pageIndex, pageSize]);
    const size = options.cap ? Math.min(pageSize, options.cap) : pageSize;
    const start = options.ignorePaging ? 0 : pageIndex * size;
    const items = ids.slice(start, start + size).map((id) => ({ id, name: id, extra: {} }));
    const total = options.totals === false ? null : (options.total?.(pageIndex) ?? count);
    return { items, total };
  };
  const session = { listPeople } as unknown as TerminalSession;
  return { session, pages };
}

const direct = <T>(work: () => Promise<T>): Promise<T> => work();
const has = (index: { has: (i: { idKind: string; nativeId: string; faceId: string }) => boolean }, n: number) =>
  index.has({ idKind: 'identity_id', nativeId: String(100000 + n), faceId: '' });

async function incompleteError(promise: Promise<unknown>): Promise<DriverError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DriverError);
  expect((error as DriverError).rawCode).toBe(READ_INCOMPLETE);
  return error as DriverError;
}

describe('complete reads of a terminal list', () => {
  it('reads on past a silently capped page with the size the terminal really gives', async () => {
    const { session, pages } = terminal(120, { cap: 20 });
    const index = await readPresence(session, 'sophon', direct);
    expect(index.size).toBe(120);
    expect(has(index, 119)).toBe(true);
    // First page asked 50, got 20 while the total said 120: then pages of 20 from the second one on.
    expect(pages.slice(0, 3)).toEqual([
      [0, 50],
      [1, 20],
      [2, 20],
    ]);
  });

  it('without totals reads until an empty page, not until a short one', async () => {
    const { session, pages } = terminal(70, { cap: 20, totals: false });
    const index = await readPresence(session, 'sophon', direct);
    expect(index.size).toBe(70);
    expect(has(index, 69)).toBe(true);
    // The short fourth page (10 rows) is not taken as the end: the read goes on at that size from a row it
    // has read (never past one it has not), until a page comes back empty.
    expect(pages.slice(3)).toEqual([
      [3, 20],
      [7, 10],
    ]);
  });

  it('concludes nothing when the rows end before the stated total', async () => {
    const { session } = terminal(60, { total: () => 75 });
    await incompleteError(readPresence(session, 'sophon', direct));
  });

  it('concludes nothing when the total changes while the list is read (it is read again later)', async () => {
    const { session } = terminal(120, { total: (page) => (page === 0 ? 120 : 119) });
    expect((await incompleteError(readPresence(session, 'sophon', direct))).kind).toBe('retryable');
  });

  it('concludes nothing from a terminal that ignores paging', async () => {
    const { session } = terminal(120, { ignorePaging: true, total: () => 500 });
    expect((await incompleteError(readPresence(session, 'sophon', direct))).kind).toBe('invalid');
  });

  it('reads an empty terminal in one request', async () => {
    const { session, pages } = terminal(0);
    expect((await readPresence(session, 'sophon', direct)).size).toBe(0);
    expect(pages).toHaveLength(1);
  });
});
