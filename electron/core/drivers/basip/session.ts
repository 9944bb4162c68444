import type { AxiosInstance } from 'axios';
import {
  DriverError,
  type ItemResult,
  type PeoplePage,
  type RemovalIdKind,
  type TerminalPerson,
  type TerminalSession,
} from '../driver.ts';
import type { Credentials } from '../../secrets/secret-store.ts';
import { createTokenKeeper, login, type BasipLogin } from './auth.ts';
import { ADMIN_NEEDED_MESSAGE, errorFromAnswer, isTokenRejected, readBasipError } from './errors.ts';
import { sendRequest, type BasipAnswer, type BasipRequest } from './http.ts';
import type { JsonRecord } from './json.ts';
import { personOf, planPages, readIdentifierPage, type IdentifierPage } from './paging.ts';
import { checkLinkIds, checkUids, linkResults, uidResults } from './removal.ts';

/** Where the v1 API lives. */
const V1 = '/api/v1';

/** What the technician reads for a panel that speaks only the old API. */
export const V0_UNSUPPORTED_MESSAGE =
  'This panel speaks only the older /api/v0 (firmware before 3.9); update its firmware to manage its identifiers.';

/** Which route deletes by link id on this panel: the documented DELETE, or the older Android-panel POST. */
type LinkDeleteRoute = 'delete' | 'android-post';

/**
 * A session with one BAS-IP panel. It logs in on first use (one login shared by concurrent calls), sends
 * `Authorization: Bearer <token>`, and when the panel refuses the token (it expired) logs in again once and
 * repeats the same request. The link-delete route that works is remembered for the session.
 */
export function createBasipSession(
  http: AxiosInstance,
  credentials: Credentials | undefined,
  timeoutMs: number,
): TerminalSession {
  const tokens = createTokenKeeper(() =>
    credentials
      ? login(http, credentials, timeoutMs)
      : Promise.reject(new DriverError('auth', 'The panel needs a user name and password.')),
  );
  let linkRoute: LinkDeleteRoute = 'delete';

  /** The current v1 login; throws for a v0-only panel. */
  const v1Login = async (signal?: AbortSignal): Promise<BasipLogin> => {
    const current = await tokens.get(signal);
    if (current.apiVersion !== 'v1') throw new DriverError('invalid', V0_UNSUPPORTED_MESSAGE);
    return current;
  };

  /** Sends a v1 request with the token, renewing the login once when the panel refuses the token. */
  const call = async (request: Omit<BasipRequest, 'token'>, signal?: AbortSignal): Promise<BasipAnswer> => {
    const send = (token: string): Promise<BasipAnswer> =>
      sendRequest(http, { ...request, path: `${V1}${request.path}`, token }, timeoutMs, signal);
    const first = await v1Login(signal);
    const answer = await send(first.token);
    if (!isTokenRejected(answer.status, answer.json)) return answer;
    tokens.invalidate(first.token);
    return send((await v1Login(signal)).token);
  };

  const listPage = async (limit: number, page: number, signal?: AbortSignal): Promise<IdentifierPage> => {
    const answer = ok(
      await call({ method: 'GET', path: '/access/identifier/items', params: { limit, page_number: page } }, signal),
    );
    const read = readIdentifierPage(answer.json);
    if (!read) throw new DriverError('invalid', 'The panel answered the identifier list in an unknown shape.');
    return read;
  };

  const removeByLink = async (ids: readonly string[], signal?: AbortSignal): Promise<ItemResult[]> => {
    checkLinkIds(ids);
    const body = { link_ids: [...ids] };
    if (linkRoute === 'delete') {
      const answer = await call({ method: 'DELETE', path: '/access/identifier/items/link', body }, signal);
      if (answer.status !== 404 && answer.status !== 405) return linkResults(ids, ok(answer).json);
      linkRoute = 'android-post';
    }
    const answer = await call({ method: 'POST', path: '/access/identifiers/link/delete', body }, signal);
    return linkResults(ids, ok(answer).json);
  };

  const removeByUid = async (ids: readonly string[], signal?: AbortSignal): Promise<ItemResult[]> => {
    const uids = checkUids(ids);
    const answer = await call(
      { method: 'DELETE', path: '/access/identifier/items', body: { uid_items: uids } },
      signal,
    );
    return uidResults(ids, ok(answer).json);
  };

  return {
    async verifyCredentials(signal) {
      const current = await tokens.get(signal);
      if (current.accountType !== null && current.accountType.toLowerCase() !== 'admin') {
        throw new DriverError('auth', ADMIN_NEEDED_MESSAGE, current.accountType);
      }
    },

    async countPeople(signal) {
      const page = await listPage(10, 1, signal);
      if (page.total !== null) return { count: page.total, capacity: null };
      if (page.items.length < 10) return { count: page.items.length, capacity: null };
      throw new DriverError('invalid', 'The panel did not tell how many identifiers it holds.');
    },

    async listPeople(pageIndex, pageSize, signal): Promise<PeoplePage> {
      const plan = planPages(pageIndex, pageSize);
      const fetched: JsonRecord[] = [];
      let total: number | null = null;
      for (let page = plan.firstPage; page <= plan.lastPage; page++) {
        const read = await listPage(plan.limit, page, signal);
        total = read.total ?? total;
        fetched.push(...read.items);
        if (read.items.length < plan.limit) break;
      }
      const items = fetched
        .slice(plan.skip, plan.skip + plan.take)
        .map(personOf)
        .filter((person): person is TerminalPerson => person !== null);
      // Without a total in the answer, what was seen is a lower bound.
      return { items, total: total ?? (plan.firstPage - 1) * plan.limit + fetched.length };
    },

    async removePeople(ids, idKind: RemovalIdKind, signal) {
      signal?.throwIfAborted();
      if (ids.length === 0) return [];
      if (idKind === 'link_id') return removeByLink(ids, signal);
      if (idKind === 'uid') return removeByUid(ids, signal);
      throw new DriverError('invalid', `BAS-IP panels remove identifiers by link_id or uid, not by ${idKind}.`);
    },
  };
}

/** The answer when it is a success without an error body; else the classified DriverError. */
function ok(answer: BasipAnswer): BasipAnswer {
  if (answer.status >= 200 && answer.status <= 299 && !readBasipError(answer.json)) return answer;
  throw errorFromAnswer(answer.status, answer.json);
}
