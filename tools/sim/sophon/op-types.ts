import type { FaultKind, Knobs } from '../common/knobs.ts';
import type { Body } from './args.ts';
import type { SophonStore } from './store.ts';

/** Everything one operation needs while it runs. */
export interface OpContext {
  /** The request body (a JSON object). */
  body: Body;
  store: SophonStore;
  /** The knobs in force for this request (read once when it arrived). */
  knobs: Knobs;
  /** Login credentials the device accepts. */
  credentials: { username: string; password: string };
  /**
   * Draws an operation-specific fault (e.g. `wrong-credentials` for login); true when it fires. The fault
   * is then recorded in the request log.
   */
  takeFault(kind: FaultKind): boolean;
}

/** What an operation answers on success. */
export interface OpResult {
  body: unknown;
  /** Ids this request removed (logged as `acknowledged`). */
  acknowledged?: string[];
}

/** One operation (`/sophon/v2/face/<op>`). Failures are thrown as SophonError. */
export type OpHandler = (context: OpContext) => OpResult | Promise<OpResult>;

/** Operations by name. */
export type OpTable = Record<string, OpHandler>;
