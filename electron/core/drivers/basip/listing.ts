import { DriverError, type PeoplePage, type TerminalPerson } from '../driver.ts';
import type { JsonRecord } from './json.ts';
import { personOf, planPages, type IdentifierPage } from './paging.ts';

/** Reads one vendor page (`limit`, 1-based `page_number`) of a panel's identifier list. */
export type ReadVendorPage = (limit: number, page: number, signal?: AbortSignal) => Promise<IdentifierPage>;

/** Counting and listing a panel's identifiers, for a session. */
export interface IdentifierLister {
  /** See TerminalSession.listPeople: exactly the caller's rows (fewer only at the end), and the stated total. */
  listPeople(pageIndex: number, pageSize: number, signal?: AbortSignal): Promise<PeoplePage>;
  /** See TerminalSession.countPeople. */
  countPeople(signal?: AbortSignal): Promise<{ count: number | null; capacity: null }>;
}

/** How often one call re-plans after learning a page cap before giving up. */
const MAX_REPLANS = 3;

/** The count page: the smallest limit the vendor allows. */
const COUNT_LIMIT = 10;

/**
 * Creates the lister of one session. Some panels silently serve fewer rows a page than asked (a page cap,
 * offsetting pages by the capped size), so a short page is not necessarily the end (ARCHITECTURE.md,
 * "Evidence"). When a page comes back short and no full page of that size has been seen, page 1 decides:
 * full → no cap, the short page was the end; short while page 2 still holds rows → the panel caps pages at
 * that many rows, which is remembered for the session, and the caller's page is read again with the capped
 * size. The total is the panel's own, or null: never invented.
 */
export function createLister(read: ReadVendorPage): IdentifierLister {
  /** The learnt page cap; null while none was seen. */
  let cap: number | null = null;
  /** The longest page the panel served in full: any cap is at least this. */
  let proven = 0;

  /** Whether page 1 (at `limit`) shows a cap; remembers it, or that there is none at `limit`. */
  const learnCap = async (limit: number, first: IdentifierPage, signal?: AbortSignal): Promise<boolean> => {
    const rows = Math.min(first.items.length, limit);
    if (rows >= limit) {
      proven = Math.max(proven, limit);
      return false;
    }
    if (rows === 0) {
      if (first.total !== null && first.total > 0) {
        throw new DriverError('invalid', `The panel states ${first.total} identifiers but lists none.`);
      }
      return false;
    }
    // All rows fit on page 1 by the panel's own count; else only a non-empty page 2 proves there are more
    // (a stale total alone does not).
    if (first.total !== null && first.total <= rows) return false;
    const more = (await read(limit, 2, signal)).items.length > 0;
    if (more) cap = rows;
    return more;
  };

  /** Reads the caller's page with the current knowledge; null when a cap was just learnt (read again). */
  const attempt = async (pageIndex: number, pageSize: number, signal?: AbortSignal): Promise<PeoplePage | null> => {
    const plan = planPages(pageIndex, pageSize, cap);
    const rows: JsonRecord[] = [];
    let total: number | null = null;
    for (let page = plan.firstPage; page <= plan.lastPage; page++) {
      const answer = await read(plan.limit, page, signal);
      total = answer.total ?? total;
      const got = answer.items.slice(0, plan.size);
      rows.push(...got);
      if (got.length === plan.size) {
        proven = Math.max(proven, plan.size);
        continue;
      }
      if (cap === null && plan.size > proven) {
        const first = page === 1 ? answer : await read(plan.limit, 1, signal);
        if (await learnCap(plan.limit, first, signal)) return null;
      }
      break;
    }
    const items = rows
      .slice(plan.skip, plan.skip + pageSize)
      .map(personOf)
      .filter((person): person is TerminalPerson => person !== null);
    return { items, total };
  };

  return {
    async listPeople(pageIndex, pageSize, signal) {
      for (let round = 0; round <= MAX_REPLANS; round++) {
        const page = await attempt(pageIndex, pageSize, signal);
        if (page) return page;
      }
      throw new DriverError(
        'invalid',
        'The panel keeps changing how many rows its pages hold; its list cannot be read.',
      );
    },

    async countPeople(signal) {
      const first = await read(COUNT_LIMIT, 1, signal);
      if (first.total !== null) return { count: first.total, capacity: null };
      const rows = Math.min(first.items.length, COUNT_LIMIT);
      if (rows < COUNT_LIMIT && !(await learnCap(COUNT_LIMIT, first, signal))) return { count: rows, capacity: null };
      // The panel does not tell how many it holds: no count rather than a guess (the list still reads whole).
      return { count: null, capacity: null };
    },
  };
}
