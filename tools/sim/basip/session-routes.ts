import { bearerToken, passwordMatches, type BasipSession } from './auth.ts';
import { ADMIN_REQUIRED, BasipError, LOG_IN, WRONG_LOGIN } from './errors.ts';
import { infoBody } from './info.ts';
import type { PanelAnswer, RouteContext } from './panel.ts';
import { nullInfo, numericInfo } from './variants.ts';

/**
 * `GET /api/info` (and `/api/<level>/info`): model, serial and versions, without login; with numbers for
 * versions, model and serial under `numeric-values`. Under `info-behind-login` only with a valid token
 * (401 "Log In" otherwise, as the other guarded paths answer).
 */
export function getInfo(ctx: RouteContext): PanelAnswer {
  if (ctx.state.knobs.has('info-behind-login')) requireSession(ctx, false);
  const body = infoBody(ctx.state.info, ctx.state.level);
  const numeric = ctx.state.knobs.has('numeric-values') ? numericInfo(body) : body;
  return { status: 200, body: ctx.state.knobs.has('null-values') ? nullInfo(numeric) : numeric };
}

/**
 * `GET /api/<level>/login?username=&password=<MD5 hex>` → `{"token", "account_type"}`. A wrong or missing
 * user name or password, or a `wrong-credentials` fault, is 400 "Wrong login or password".
 */
export function login(ctx: RouteContext): PanelAnswer {
  const { state, request } = ctx;
  if (state.knobs.nextFault(request.path, ['wrong-credentials'])) {
    ctx.fault = 'wrong-credentials';
    throw new BasipError(WRONG_LOGIN);
  }
  const username = request.query.get('username');
  const password = request.query.get('password');
  if (username !== state.username || password === null || !passwordMatches(password, state.password)) {
    throw new BasipError(WRONG_LOGIN);
  }
  const session = state.tokens.issue(state.accountType);
  return { status: 200, body: { token: session.token, account_type: session.accountType } };
}

/**
 * The bearer-token guard: no token, an unknown or expired one is 401 "Log In"; with `admin`, a non-admin
 * account is 403. An `expired-credentials` fault expires the presented token for good (as a real expiry
 * would), so the client has to log in again.
 */
export function requireSession(ctx: RouteContext, admin: boolean): BasipSession {
  const { state, request } = ctx;
  const token = bearerToken(request.authorization);
  if (token === undefined) throw new BasipError(LOG_IN);
  const check = state.tokens.check(token);
  if (check.state !== 'valid') throw new BasipError(LOG_IN);
  if (state.knobs.nextFault(request.path, ['expired-credentials'])) {
    ctx.fault = 'expired-credentials';
    state.tokens.expire(token);
    throw new BasipError(LOG_IN);
  }
  if (admin && check.session.accountType !== 'admin') throw new BasipError(ADMIN_REQUIRED);
  return check.session;
}
