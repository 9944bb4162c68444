import type { TuyaClient } from './client.ts';
import { queryAccessAuth, type AccessAuthQuery, type TuyaAccessAuth } from './api.ts';
import { AccessAuthDetailSchema, type TuyaAccessAuthDetail } from './access-auth-schemas.ts';
import { readAllByTotal, readWindow, type PagedRead } from './paging-by-total.ts';
import { ALL_PAGES_SIZE, BUILDING_API, parseOrThrow, type CallOptions } from './schemas.ts';

/**
 * The permission browser's reads (vendor document "Manage Person Permissions": `POST access-auth`,
 * `GET access-auth/detail`). One page of the query is `queryAccessAuth` (api.ts); these read a window or the
 * whole collection by the stated `total` (paging-by-total.ts) and one permission's detail.
 */

/** The filters of the permission query, without paging. */
export type AccessAuthFilter = Omit<AccessAuthQuery, 'page' | 'pageSize'>;

/** Rows `offset`..`offset + count` of the permissions matching `filter`, complete only when the total is met. */
export function readAccessAuthWindow(
  client: TuyaClient,
  filter: AccessAuthFilter,
  offset: number,
  count: number,
  options: CallOptions = {},
): Promise<PagedRead<TuyaAccessAuth>> {
  return readWindow((page, pageSize) => queryAccessAuth(client, { ...filter, page, pageSize }, options), offset, count);
}

/** Every permission matching `filter`, each once; `complete` only when the rows reached the stated total. */
export async function readAllAccessAuth(
  client: TuyaClient,
  filter: AccessAuthFilter,
  options: CallOptions = {},
): Promise<PagedRead<TuyaAccessAuth>> {
  const read = await readAllByTotal(
    (page, pageSize) => queryAccessAuth(client, { ...filter, page, pageSize }, options),
    ALL_PAGES_SIZE,
  );
  // A permission granted while paging can shift later pages by one: keep the first sighting of each id.
  const seen = new Set<string>();
  const items = read.items.filter((auth) => !seen.has(auth.accessAuthId) && seen.add(auth.accessAuthId));
  return { ...read, items, complete: read.complete && (read.total === null || items.length >= read.total) };
}

/**
 * One permission's detail: `GET /v1.0/iot-02/building/access-auth/detail` (the document lists its parameters
 * as "body", but a GET carries them in the query, as Tuya's other GET calls do). Unknown id → a TuyaError (1000).
 */
export async function getAccessAuthDetail(
  client: TuyaClient,
  projectId: string,
  accessAuthId: string,
  options: CallOptions = {},
): Promise<TuyaAccessAuthDetail> {
  const result = await client.request({
    method: 'GET',
    path: `${BUILDING_API}/access-auth/detail`,
    query: { projectId, accessAuthId },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return parseOrThrow(AccessAuthDetailSchema, result ?? {}, 'permission detail');
}

/** The detail's schema and type. */
export { AccessAuthDetailSchema, type TuyaAccessAuthDetail } from './access-auth-schemas.ts';
