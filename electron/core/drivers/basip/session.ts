import type { TerminalHttp } from '../session-http.ts';
import { DriverError, type ItemResult, type RemovalIdKind, type TerminalSession } from '../driver.ts';
import { splitUntilAnswered } from '../split-batch.ts';
import type { Credentials } from '../../secrets/secret-store.ts';
import { createTokenKeeper, login, type BasipLogin } from './auth.ts';
import { ADMIN_NEEDED_MESSAGE, errorFromAnswer, isTokenRejected, readBasipError } from './errors.ts';
import { sendRequest, type BasipAnswer, type BasipRequest } from './http.ts';
import { createLister } from './listing.ts';
import { readIdentifierPage, type IdentifierPage } from './paging.ts';
import { checkLinkIds, checkUids, isWholeRejection, refusedAlone } from './removal.ts';
import { linkResults, uidResults } from './results.ts';

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
 * repeats the same request. The link-delete route that works is remembered for the session. A delete the panel
 * refuses as a whole ("Wrong JSON body" / `not_valid`) is split until each id has an answer of its own
 * (split-batch.ts); per-id results follow results.ts (no per-id answer → unconfirmed).
 */
export function createBasipSession(
  http: TerminalHttp,
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
  const lister = createLister(listPage);

  /**
   * One link delete request. The documented DELETE first; when the panel does not know that route (404, 405,
   * or a 2xx web page instead of JSON) the older Android-panel POST, remembered once it answers JSON.
   */
  const deleteLinks = async (ids: readonly string[], signal?: AbortSignal): Promise<ItemResult[]> => {
    const body = { link_ids: [...ids] };
    if (linkRoute === 'delete') {
      const answer = await call({ method: 'DELETE', path: '/access/identifier/items/link', body }, signal);
      if (!routeMissing(answer)) return linkResults(ids, ok(answer).json);
    }
    const answer = await call({ method: 'POST', path: '/access/identifiers/link/delete', body }, signal);
    if (answer.json !== undefined) linkRoute = 'android-post';
    return linkResults(ids, ok(answer).json);
  };

  /** One uid delete request. */
  const deleteUids = async (ids: readonly string[], signal?: AbortSignal): Promise<ItemResult[]> => {
    const body = { uid_items: ids.map(Number) };
    const answer = await call({ method: 'DELETE', path: '/access/identifier/items', body }, signal);
    return uidResults(ids, ok(answer).json);
  };

  return {
    async verifyCredentials(signal) {
      const current = await tokens.get(signal);
      if (current.accountType !== null && current.accountType.toLowerCase() !== 'admin') {
        throw new DriverError('auth', ADMIN_NEEDED_MESSAGE, current.accountType);
      }
    },

    countPeople: (signal) => lister.countPeople(signal),

    listPeople: (pageIndex, pageSize, signal) => lister.listPeople(pageIndex, pageSize, signal),

    async removePeople(ids, idKind: RemovalIdKind, signal) {
      signal?.throwIfAborted();
      if (ids.length === 0) return [];
      let send: (chunk: readonly string[]) => Promise<ItemResult[]>;
      if (idKind === 'link_id') {
        checkLinkIds(ids);
        send = (chunk) => deleteLinks(chunk, signal);
      } else if (idKind === 'uid') {
        checkUids(ids);
        send = (chunk) => deleteUids(chunk, signal);
      } else {
        throw new DriverError('invalid', `BAS-IP panels remove identifiers by link_id or uid, not by ${idKind}.`);
      }
      return splitUntilAnswered(ids, send, isWholeRejection, refusedAlone);
    },

    answersPerItem: (idKind) => idKind === 'link_id',
  };
}

/** The answer when it is a success without an error body; else the classified DriverError. */
function ok(answer: BasipAnswer): BasipAnswer {
  if (answer.status >= 200 && answer.status <= 299 && !readBasipError(answer.json)) return answer;
  throw errorFromAnswer(answer.status, answer.json);
}

/** Whether an answer says the panel does not serve the route: 404, 405, or a 2xx that is not JSON (a web page). */
function routeMissing(answer: BasipAnswer): boolean {
  if (answer.status === 404 || answer.status === 405) return true;
  return answer.status >= 200 && answer.status <= 299 && answer.json === undefined && answer.text.trim() !== '';
}
