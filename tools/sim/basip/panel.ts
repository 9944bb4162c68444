import type { SimDeviceInfo } from '../common/device.ts';
import type { FaultKind, KnobBox } from '../common/knobs.ts';
import type { BasipAccountType, TokenStore } from './auth.ts';
import type { BasipErrorStyle } from './errors.ts';
import type { BasipApiLevel } from './info.ts';
import type { IdentifierStore } from './store.ts';

/** Everything a simulated panel knows, shared by its routes. */
export interface PanelState {
  readonly info: SimDeviceInfo;
  readonly level: BasipApiLevel;
  readonly username: string;
  readonly password: string;
  readonly accountType: BasipAccountType;
  readonly errorStyle: BasipErrorStyle;
  readonly androidLegacyRoutes: boolean;
  readonly store: IdentifierStore;
  readonly tokens: TokenStore;
  readonly knobs: KnobBox;
}

/** The parts of an HTTP request the routes look at. */
export interface PanelRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly rawBody: string;
}

/** What a route decided; the handler sends it, waits per-item latency and logs it. */
export interface PanelAnswer {
  status: number;
  /** JSON body; absent means an empty body (unless `text` is set). */
  body?: unknown;
  /** A text body (404/405 pages, the `html-200` page): text/plain unless `headers` name a Content-Type. */
  text?: string;
  headers?: Record<string, string>;
  /** Ids the request actually removed, for the request log. */
  acknowledged?: string[];
  /** How many items the request touched (per-item latency). */
  items?: number;
  /** A credentials fault that shaped this answer. */
  fault?: FaultKind;
}

/** Per-request scratch shared by the guard and the routes (a fault consumed during authentication). */
export interface RouteContext {
  readonly state: PanelState;
  readonly request: PanelRequest;
  fault?: FaultKind;
}
