import { BasipError, errorBody } from './errors.ts';
import { deleteByLinks, deleteByUids, listIdentifiers, upsertByLinks } from './identifier-routes.ts';
import type { PanelAnswer, PanelState, RouteContext } from './panel.ts';
import { getInfo, login } from './session-routes.ts';
import { htmlAnswer } from './variants.ts';

type Route = (ctx: RouteContext) => PanelAnswer;

/**
 * The paths a panel serves, by method. `/api/info` is always there. A v1 panel (firmware 3.9+) serves
 * `/api/v1/...` and answers 404 on `/api/v0/...`; a v0 panel serves only `/api/v0/info` and `/api/v0/login`
 * (its identifier routes are not simulated) and answers 404 on every `/api/v1/...` path. The Android-panel
 * `POST /api/v1/access/identifiers/link/delete` exists only with `androidLegacyRoutes`.
 */
function routesOf(state: PanelState): Map<string, Record<string, Route>> {
  const routes = new Map<string, Record<string, Route>>([['/api/info', { GET: getInfo }]]);
  const base = `/api/${state.level}`;
  routes.set(`${base}/info`, { GET: getInfo });
  routes.set(`${base}/login`, { GET: login });
  if (state.level === 'v1') {
    routes.set(`${base}/access/identifier/items`, { GET: listIdentifiers, DELETE: deleteByUids });
    routes.set(`${base}/access/identifier/items/link`, {
      GET: listIdentifiers,
      POST: upsertByLinks,
      DELETE: deleteByLinks,
    });
    if (state.androidLegacyRoutes) routes.set(`${base}/access/identifiers/link/delete`, { POST: deleteByLinks });
  }
  return routes;
}

/**
 * Creates the dispatcher of a panel: finds the route, runs it, and shapes thrown errors in the panel's style.
 * Unknown paths answer a plain-text 404, or 200 with an HTML page under the `html-200` variant.
 */
export function createRouter(state: PanelState): (ctx: RouteContext) => PanelAnswer {
  const routes = routesOf(state);
  return (ctx) => {
    const methods = routes.get(ctx.request.path);
    // Unknown paths: a plain-text 404 as the panel's embedded web server would give (the vendor is silent).
    if (!methods) return state.knobs.has('html-200') ? htmlAnswer() : { status: 404, text: 'Not Found' };
    const route = methods[ctx.request.method];
    if (!route) return { status: 405, text: 'Method Not Allowed', headers: { Allow: Object.keys(methods).join(', ') } };
    try {
      return route(ctx);
    } catch (error) {
      if (!(error instanceof BasipError)) throw error;
      const { status } = error.apiError;
      return { status, body: errorBody(state.errorStyle, error.apiError), ...(ctx.fault ? { fault: ctx.fault } : {}) };
    }
  };
}
