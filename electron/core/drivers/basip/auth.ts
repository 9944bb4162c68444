import { createHash } from 'node:crypto';
import { DriverError } from '../driver.ts';
import type { Credentials } from '../../secrets/secret-store.ts';
import { errorFromAnswer, readBasipError, WRONG_LOGIN_MESSAGE } from './errors.ts';
import { sendRequest, untilAborted, type BasipAnswer } from './http.ts';
import type { TerminalHttp } from '../session-http.ts';
import { isRecord, pickText } from './json.ts';
import type { BasipApiVersion } from './api-version.ts';

/** A successful login: the bearer token, the account's type as the panel tells it, and the API level used. */
export interface BasipLogin {
  token: string;
  /** `admin` or `user` (null when the panel does not say). */
  accountType: string | null;
  apiVersion: BasipApiVersion;
}

/** Upper-case hex MD5 of a UTF-8 text: how BAS-IP logins send the password (as in the vendor example). */
export function md5UpperHex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();
}

/**
 * Logs in with `GET /api/v1/login?username=&password=<MD5>`; a panel that does not serve it (firmware before
 * 3.9: a 404, or a 200 web page on firmware that answers unknown paths so) is tried once at `/api/v0/login`.
 * A refused login (400 "Wrong login or password", 401, or the coded `invalid_authentication`) throws
 * DriverError('auth'); an answer without a token throws 'invalid'.
 */
export async function login(
  http: TerminalHttp,
  credentials: Credentials,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<BasipLogin> {
  const params = { username: credentials.username, password: md5UpperHex(credentials.password) };
  let apiVersion: BasipApiVersion = 'v1';
  let answer = await sendRequest(http, { method: 'GET', path: '/api/v1/login', params }, timeoutMs, signal);
  if (notServed(answer)) {
    apiVersion = 'v0';
    answer = await sendRequest(http, { method: 'GET', path: '/api/v0/login', params }, timeoutMs, signal);
    if (notServed(answer)) {
      const status = answer.status;
      throw new DriverError('invalid', `The device offers no BAS-IP login (${status}).`, null, status);
    }
  }
  const error = readBasipError(answer.json);
  const refused = answer.status === 400 || answer.status === 401 || error?.code === 'invalid_authentication';
  if (refused && answer.status !== 403) {
    throw new DriverError('auth', WRONG_LOGIN_MESSAGE, error?.code ?? error?.message ?? null, answer.status);
  }
  if (answer.status < 200 || answer.status > 299 || error) throw errorFromAnswer(answer.status, answer.json);
  const token = isRecord(answer.json) ? answer.json.token : undefined;
  if (typeof token !== 'string' || token.trim() === '' || /\s/.test(token.trim())) {
    throw new DriverError('invalid', 'The panel answered the login without a token.', null, answer.status);
  }
  const accountType = isRecord(answer.json) ? pickText(answer.json, ['account_type']) : null;
  return { token: token.trim(), accountType, apiVersion };
}

/** Holds a session's login: one login at a time whatever the number of concurrent calls. */
export interface TokenKeeper {
  /** The current login, logging in first when there is none (concurrent callers share one login). */
  get(signal?: AbortSignal): Promise<BasipLogin>;
  /** Forgets `token` after the panel refused it, unless a newer login already replaced it. */
  invalidate(token: string): void;
}

/**
 * Creates a token keeper around a login function. The login itself is not cancelled by one caller's abort
 * (other callers may be waiting for it): each caller stops waiting when its own signal aborts. A failed
 * login is not remembered, so the next call tries again.
 */
export function createTokenKeeper(doLogin: () => Promise<BasipLogin>): TokenKeeper {
  let current: BasipLogin | null = null;
  let pending: Promise<BasipLogin> | null = null;
  return {
    get(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as unknown);
      if (current) return Promise.resolve(current);
      if (!pending) {
        const started = doLogin().then((result) => {
          current = result;
          return result;
        });
        pending = started;
        const clear = (): void => {
          if (pending === started) pending = null;
        };
        started.then(clear, clear);
      }
      return untilAborted(pending, signal);
    },
    invalidate(token) {
      if (current?.token === token) current = null;
    },
  };
}

/** Whether a login answer says the path is not served: 404, or a 2xx whose body is not JSON (a web page). */
function notServed(answer: BasipAnswer): boolean {
  if (answer.status === 404) return true;
  return answer.status >= 200 && answer.status <= 299 && answer.json === undefined && answer.text.trim() !== '';
}
