import { collectAllPages, type Page } from './schemas.ts';

/**
 * Paged reads that follow the `total` the cloud states (ARCHITECTURE "Evidence": a paged read is complete only
 * when its rows reach the stated total; a short page is not the end). Tuya documents no page-size limit for its
 * query APIs, so a cloud may cap pages silently; a short page while the total says more is read as such a cap,
 * and the rest is read with the capped size (pages then count in that size). `hasMore` is not trusted: the
 * vendor's description has it, its captured answer does not.
 */

/** Reads page `page` (from 1) of `pageSize` rows. */
export type FetchPage<T> = (page: number, pageSize: number) => Promise<Page<T>>;

/** Rows read, the total the cloud stated, and whether the rows reached it. */
export interface PagedRead<T> {
  items: T[];
  /** The cloud's `total` on the last page read (null when it never sent one). */
  total: number | null;
  /** The rows reached the stated total (false: no total, or the cloud stopped answering rows before it). */
  complete: boolean;
}

/**
 * Reads the rows at positions [offset, offset + count) of the collection. The first page is asked with `count`
 * rows; when it comes back short while the total says more rows follow, the cloud capped it: the window is
 * read again with the capped size. `complete` is true when the window holds every row the total puts in it.
 */
export async function readWindow<T>(fetchPage: FetchPage<T>, offset: number, count: number): Promise<PagedRead<T>> {
  const first = await fetchPage(Math.floor(offset / count) + 1, count);
  const total = first.total;
  if (total === null) return { items: first.items, total, complete: false };
  const wanted = Math.max(0, Math.min(count, total - offset));
  if (first.items.length >= wanted) return { items: first.items.slice(0, wanted), total, complete: true };
  if (first.items.length === 0) return { items: [], total, complete: false };
  // A silent cap: read the window again in pages of the size the cloud really answers.
  const cap = first.items.length;
  const items: T[] = [];
  let stated: number | null = total;
  for (let page = Math.floor(offset / cap) + 1; items.length < wanted; page++) {
    const answer = await fetchPage(page, cap);
    stated = answer.total ?? stated;
    const start = (page - 1) * cap;
    const rows = answer.items.slice(Math.max(0, offset - start));
    items.push(...rows.slice(0, wanted - items.length));
    if (answer.items.length === 0 || answer.items.length < cap) break;
  }
  return { items, total: stated, complete: items.length >= wanted };
}

/**
 * Reads every row, page after page, until the rows reach the stated total ({@link collectAllPages}: a short page
 * does not end the read while the total says more, the cap is learnt and later pages stay aligned; an empty page
 * before the total ends it incomplete). Stricter than it: without any total the read is never complete, whatever
 * `hasMore` says.
 */
export async function readAllByTotal<T>(fetchPage: FetchPage<T>, pageSize: number): Promise<PagedRead<T>> {
  const read = await collectAllPages(fetchPage, pageSize);
  return { items: read.items, total: read.total, complete: read.total !== null && read.complete };
}
