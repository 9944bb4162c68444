import type { TerminalKind } from '../../../shared/domain/terminal.ts';
import { DriverError, type TerminalPerson, type TerminalSession } from '../drivers/driver.ts';
import type { WorkItem } from './journal-types.ts';

/** Runs one request inside a limiter slot. */
export type WithSlot = <T>(work: () => Promise<T>) => Promise<T>;

/** What a terminal holds, as read from its COMPLETE list: answers whether an item is still there. */
export interface PresenceIndex {
  has(item: Pick<WorkItem, 'idKind' | 'nativeId' | 'faceId'>): boolean;
  /** People (identifiers) read. */
  readonly size: number;
  /**
   * Every id the list shows, as items carry them (identity_id; BAS-IP uid as text and link_id in lower case):
   * the candidates a verification looks up, so it never has to load every item of a job.
   */
  readonly ids: readonly string[];
}

/** Page size of list reads: BAS-IP pages hold at most 50; Sophon accepts it too. */
export const LIST_PAGE_SIZE = 50;

/** Raw code of a list that could not be read to its end (totals and rows disagree, paging ignored). */
export const READ_INCOMPLETE = 'read:incomplete';

/** Most pages read from one terminal (2.5 million people at 50 a page). */
const MAX_PAGES = 50_000;

/** The key of an item in a {@link PresenceIndex}. */
export function itemKey(item: Pick<WorkItem, 'idKind' | 'nativeId' | 'faceId'>): string {
  if (item.faceId) return `${item.idKind}:${item.nativeId}/${item.faceId}`;
  if (item.idKind === 'link_id') return `link_id:${item.nativeId.toLowerCase()}`;
  if (item.idKind === 'uid') return `uid:${Number(item.nativeId)}`;
  return `${item.idKind}:${item.nativeId}`;
}

/** The keys under which one listed person is found. */
function keysOf(person: TerminalPerson, kind: TerminalKind): string[] {
  if (kind === 'sophon') {
    const split = (text: string | undefined): string[] => (text ? text.split(',').filter((s) => s !== '') : []);
    return [
      `identity_id:${person.id}`,
      ...split(person.extra.face_ids).map((f) => `face_id:${person.id}/${f}`),
      ...split(person.extra.register_image_ids).map((r) => `register_image_id:${person.id}/${r}`),
    ];
  }
  const keys: string[] = [];
  const uid = person.extra.uid;
  if (uid !== undefined) keys.push(`uid:${Number(uid)}`);
  if (person.id !== uid) keys.push(`link_id:${person.id.toLowerCase()}`);
  return keys;
}

/** The error of a read that did not reach the end of the list: nothing may be concluded from it. */
function incomplete(why: string, retryable: boolean): DriverError {
  return new DriverError(
    retryable ? 'retryable' : 'invalid',
    `The terminal's list could not be read to its end (${why}), so nothing is concluded from it.`,
    READ_INCOMPLETE,
  );
}

/** What a whole-list read reports after each page: people read so far and the total the terminal states. */
export type OnListPage = (read: number, total: number | null) => void;

/**
 * Reads a terminal's WHOLE list, page by page (each page in its own limiter slot), handing every person to
 * `visit` once. A read is complete only when it reached the end the terminal states (ARCHITECTURE.md, "Evidence"):
 * - with a stated total, rows are read until the distinct people read reach it; the total must stay the same
 *   on every page (a list that changes while it is read is read again: a retryable error);
 * - a page shorter than asked while the total says more is a silent page cap: the read goes on with the size
 *   the terminal really gives (the next page index at that size);
 * - without a stated total, the read goes on until an EMPTY page (a short page is not the end);
 * - an empty page before the total, more people than the total, or a full page bringing nobody new (paging
 *   ignored) end with DriverError {@link READ_INCOMPLETE} instead of a conclusion.
 * Throws the driver's error when a page cannot be read; resolves with the number of people read.
 */
export async function readWholeList(
  session: TerminalSession,
  withSlot: WithSlot,
  visit: (person: TerminalPerson) => void,
  signal?: AbortSignal,
  onPage?: OnListPage,
): Promise<number> {
  const people = new Set<string>();
  let size = LIST_PAGE_SIZE;
  let statedTotal: number | null | undefined;
  let page = 0;
  for (let requests = 0; ; requests++) {
    if (requests >= MAX_PAGES) throw incomplete(`more than ${MAX_PAGES} pages`, false);
    const answer = await withSlot(() => session.listPeople(page, size, signal));
    const total = answer.total;
    if (statedTotal === undefined) statedTotal = total;
    else if (total !== statedTotal)
      throw incomplete(`its total changed from ${statedTotal} to ${total} while it was read`, true);
    const before = people.size;
    for (const person of answer.items) {
      const key = `${person.id}|${person.extra.uid ?? ''}`;
      if (people.has(key)) continue;
      people.add(key);
      visit(person);
    }
    onPage?.(people.size, total);
    const rows = answer.items.length;
    if (total !== null && people.size >= total) {
      if (people.size > total) throw incomplete(`${people.size} people listed, ${total} stated`, true);
      break;
    }
    if (rows === 0) {
      if (total === null) break;
      throw incomplete(`it ended after ${people.size} of the ${total} people it states`, true);
    }
    if (rows >= size && people.size === before) {
      throw incomplete('it answered a page of people it had already listed: it ignores paging', false);
    }
    if (rows < size) {
      // A silent cap (or, without a total, perhaps the end: the next page at this size then comes back empty).
      // Rows so far sit at page × size; the terminal pages by the rows it really gives.
      if (page === 0) {
        size = rows;
        page = 1;
      } else {
        page = Math.floor(people.size / rows);
        size = rows;
      }
      continue;
    }
    page++;
  }
  return people.size;
}

/**
 * Reads a terminal's WHOLE list (see {@link readWholeList}: complete reads only) and indexes what it holds.
 * Throws the driver's error when a page cannot be read.
 */
export async function readPresence(
  session: TerminalSession,
  kind: TerminalKind,
  withSlot: WithSlot,
  signal?: AbortSignal,
): Promise<PresenceIndex> {
  const keys = new Set<string>();
  const ids = new Set<string>();
  const size = await readWholeList(
    session,
    withSlot,
    (person) => {
      ids.add(kind === 'sophon' ? person.id : person.id.toLowerCase());
      if (person.extra.uid !== undefined) ids.add(person.extra.uid);
      for (const key of keysOf(person, kind)) keys.add(key);
    },
    signal,
  );
  return { has: (item) => keys.has(itemKey(item)), size, ids: [...ids] };
}
