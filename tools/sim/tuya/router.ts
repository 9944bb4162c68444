import type { Knobs } from '../common/knobs.ts';
import { TuyaError } from './errors.ts';
import { optString, requireString, type ParamSource } from './params.ts';
import type { SiteModel } from './model.ts';
import type { TaskBook } from './tasks.ts';

/** What a business handler gets. `params` is the query (GET) or the JSON body (POST). */
export interface RouteContext {
  site: SiteModel;
  tasks: TaskBook;
  now: number;
  params: ParamSource;
  /** Values of `{name}` segments of the route pattern. */
  pathParams: Readonly<Record<string, string>>;
  /** The simulator's knobs at this request (`pageCap`: the permission query caps its pages silently). */
  knobs?: Readonly<Knobs>;
}

/** A business handler: returns the `result` (camelCase keys) or throws a {@link TuyaError}. */
export type RouteHandler = (context: RouteContext) => unknown;

/** One business API. */
export interface Route {
  method: 'GET' | 'POST';
  /** Path with `{name}` placeholders for single segments. */
  pattern: string;
  handler: RouteHandler;
}

/** Outcome of {@link matchRoute}. */
export type RouteMatch =
  | { kind: 'found'; route: Route; pathParams: Record<string, string> }
  | { kind: 'not-found' }
  | { kind: 'wrong-method' };

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith('{') && w.endsWith('}')) {
      if (g === '') return undefined;
      params[w.slice(1, -1)] = decodeURIComponent(g);
    } else if (w !== g) return undefined;
  }
  return params;
}

/** Finds the route for a request. Literal routes must be listed before patterns they overlap. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  let pathKnown = false;
  for (const route of routes) {
    const pathParams = matchPattern(route.pattern, path);
    if (!pathParams) continue;
    if (route.method === method) return { kind: 'found', route, pathParams };
    pathKnown = true;
  }
  return pathKnown ? { kind: 'wrong-method' } : { kind: 'not-found' };
}

/** Requires `projectId` (1100) and that it is this client's project (1106 permission deny otherwise). */
export function requireProject(context: RouteContext): string {
  const projectId = requireString(context.params, 'projectId');
  if (projectId !== context.site.projectId) throw new TuyaError(1106, 'project not authorised for this client');
  return projectId;
}

/** An optional `projectId`: when given it must be this client's project (1106). */
export function optionalProject(context: RouteContext): void {
  const projectId = optString(context.params, 'projectId');
  if (projectId !== undefined && projectId !== context.site.projectId) {
    throw new TuyaError(1106, 'project not authorised for this client');
  }
}
