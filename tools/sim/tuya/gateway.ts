import type { IncomingMessage } from 'node:http';
import { applyTransportFault, readBody, sendJson, sleep, type SimHandler } from '../common/http.ts';
import type { KnobBox } from '../common/knobs.ts';
import type { Prng } from '../common/prng.ts';
import type { RequestLog } from '../common/request-log.ts';
import { failureEnvelope, successEnvelope, TuyaError, type TuyaErrorCode } from './errors.ts';
import { applyKeyCase, type KeyCase } from './key-case.ts';
import type { SiteModel } from './model.ts';
import type { ParamSource } from './params.ts';
import { matchRoute, type Route } from './router.ts';
import { headerValue, verify, type SignedQueryForm } from './signature.ts';
import type { TaskBook } from './tasks.ts';
import type { RateLimiter } from './throttle.ts';
import type { TokenStore } from './tokens.ts';

/** Everything the gateway consults. */
export interface GatewayDeps {
  clientId: string;
  clientSecret: string;
  now: () => number;
  tokens: TokenStore;
  limiter: RateLimiter;
  knobs: KnobBox;
  log: RequestLog;
  site: SiteModel;
  tasks: TaskBook;
  routes: readonly Route[];
  keyCase: KeyCase;
  /** Draws the `tid` (trace id) of each answer. */
  tidPrng: Prng;
  /** How the query is read for the signature check (default decoded). */
  signedQuery?: SignedQueryForm;
}

interface Answer {
  status: number;
  result?: unknown;
  code?: TuyaErrorCode;
}

const TOKEN_PATH = '/v1.0/token';

function parseForLog(body: string): unknown {
  if (body === '') return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** A POST body as parameters: application/json only (1006), a JSON object only (1109). */
function bodyParams(request: IncomingMessage, body: string): ParamSource {
  if (body.trim() === '') return {};
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new TuyaError(1006, `content type ${type || '(none)'}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new TuyaError(1109, 'body is not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TuyaError(1109, 'body must be a JSON object');
  }
  return parsed as ParamSource;
}

/** `GET /v1.0/token?grant_type=1` and `GET /v1.0/token/{refresh_token}` (results are snake_case natively). */
function tokenCall(deps: GatewayDeps, method: string, path: string, query: ParamSource): unknown {
  if (method !== 'GET') throw new TuyaError(1108, 'token calls are GET');
  if (path === TOKEN_PATH) {
    const grantType = query.grant_type;
    if (grantType === undefined || grantType === '') throw new TuyaError(1100, 'grant_type is required');
    if (grantType !== '1') throw new TuyaError(1003, `grant_type ${String(grantType)}`);
    return deps.tokens.grant();
  }
  const rest = path.slice(TOKEN_PATH.length + 1);
  if (rest === '' || rest.includes('/')) throw new TuyaError(1108, 'unknown token path');
  return deps.tokens.refresh(decodeURIComponent(rest));
}

async function answer(deps: GatewayDeps, request: IncomingMessage, body: string, fault?: string): Promise<Answer> {
  const method = (request.method ?? 'GET').toUpperCase();
  const url = new URL(request.url ?? '/', 'http://tuya.invalid');
  const path = url.pathname;
  const query: ParamSource = Object.fromEntries(url.searchParams);
  const throttled = deps.limiter.admit();
  if (throttled !== undefined) return { status: 200, code: throttled };
  if (fault === 'http503') return { status: 503, code: 1111 };
  if (fault === 'http500') return { status: 200, code: 500 };
  if (fault === 'busy') return { status: 200, code: 1111 };
  const now = deps.now();
  const isTokenCall = path === TOKEN_PATH || path.startsWith(`${TOKEN_PATH}/`);
  const verdict = verify(
    { method, url: request.url ?? '/', body, headers: request.headers },
    {
      clientId: deps.clientId,
      secret: deps.clientSecret,
      tokenCall: isTokenCall,
      now,
      queryForm: deps.signedQuery ?? 'decoded',
    },
  );
  if (!verdict.ok) return { status: 200, code: verdict.code };
  try {
    if (isTokenCall) {
      if (fault === 'wrong-credentials') throw new TuyaError(1004, 'fault: wrong credentials');
      return { status: 200, result: tokenCall(deps, method, path, query) };
    }
    deps.tokens.check(headerValue(request.headers, 'access_token'));
    if (fault === 'expired-credentials') throw new TuyaError(1010, 'fault: expired credentials');
    const match = matchRoute(deps.routes, method, path);
    if (match.kind !== 'found') throw new TuyaError(1108, `${method} ${path}`);
    const params = method === 'GET' ? query : bodyParams(request, body);
    deps.tasks.sync(now);
    const result = match.route.handler({
      site: deps.site,
      tasks: deps.tasks,
      now,
      params,
      pathParams: match.pathParams,
      knobs: deps.knobs.get(),
    });
    return { status: 200, result: applyKeyCase(result, deps.keyCase) };
  } catch (error) {
    if (error instanceof TuyaError) return { status: 200, code: error.code };
    throw error;
  }
}

/**
 * The HTTP handler of the simulated cloud. Per request, in order: fault knobs (transport faults, latency),
 * throttling (the gateway refuses before it checks anything else), the signature (1005/1013/1004), the
 * token (1002/1011/1010), the route (1108), the parameters and the business handler. Every answer is HTTP
 * 200 with the Tuya envelope except the `http503` fault. Every request is logged.
 */
export function createGateway(deps: GatewayDeps): SimHandler {
  return async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://tuya.invalid');
    const fault = deps.knobs.nextFault(url.pathname);
    const entry = {
      method: (request.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parseForLog(body),
      ...(fault ? { fault } : {}),
    };
    if (applyTransportFault(fault, request)) {
      deps.log.add({ ...entry, status: 0 });
      return;
    }
    const knobs = deps.knobs.get();
    await sleep(knobs.latencyMs);
    const outcome = await answer(deps, request, body, fault);
    const tid = Array.from({ length: 32 }, () => deps.tidPrng.int(0, 15).toString(16)).join('');
    const t = deps.now();
    const envelope =
      outcome.code === undefined ? successEnvelope(outcome.result, t, tid) : failureEnvelope(outcome.code, t, tid);
    deps.log.add({ ...entry, status: outcome.status });
    await sendJson(response, outcome.status, envelope, fault === 'slow-body' ? { slowMs: knobs.slowBodyMs } : {});
  };
}
