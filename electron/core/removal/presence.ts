import type { TerminalKind } from '../../../shared/domain/terminal.ts';
import { DriverError, type TerminalPerson, type TerminalSession } from '../drivers/driver.ts';
import type { WorkItem } from './journal.ts';

/** Runs one request inside a limiter slot. */
export type WithSlot = <T>(work: () => Promise<T>) => Promise<T>;

/** What a terminal holds, as read from its list: answers whether an item is still there. */
export interface PresenceIndex {
  has(item: Pick<WorkItem, 'idKind' | 'nativeId' | 'faceId'>): boolean;
  /** People (identifiers) read. */
  readonly size: number;
}

/** Page size of list reads: BAS-IP pages hold at most 50; Sophon accepts it too. */
export const LIST_PAGE_SIZE = 50;

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

/**
 * Reads a terminal's whole list, page by page (each page in its own limiter slot), and indexes what it holds.
 * Throws the driver's error when a page cannot be read, and DriverError('invalid') when a full page brings
 * nobody new (the terminal ignores paging and would be read to the page cap): nothing is concluded from a
 * partial read.
 */
export async function readPresence(
  session: TerminalSession,
  kind: TerminalKind,
  withSlot: WithSlot,
  signal?: AbortSignal,
): Promise<PresenceIndex> {
  const keys = new Set<string>();
  let read = 0;
  for (let page = 0; ; page++) {
    const { items } = await withSlot(() => session.listPeople(page, LIST_PAGE_SIZE, signal));
    const before = keys.size;
    for (const person of items) for (const key of keysOf(person, kind)) keys.add(key);
    read += items.length;
    if (page > 0 && items.length >= LIST_PAGE_SIZE && keys.size === before) {
      throw new DriverError(
        'invalid',
        'The terminal answered a page of people it had already listed (it ignores paging), so its list cannot be read.',
      );
    }
    // A short page is the last (totals are not trusted: some panels omit them); a cap guards against a loop.
    if (items.length < LIST_PAGE_SIZE || page >= MAX_PAGES) break;
  }
  return { has: (item) => keys.has(itemKey(item)), size: read };
}
