import type { SimDevice, SimDeviceInfo } from '../common/device.ts';
import { KnobBox, type Knobs } from '../common/knobs.ts';
import { generatePeople, type SimPerson } from '../common/people.ts';
import { createPrng } from '../common/prng.ts';
import { RequestLog } from '../common/request-log.ts';
import { TokenStore, type BasipAccountType } from './auth.ts';
import type { BasipErrorStyle } from './errors.ts';
import { createHandler } from './handler.ts';
import { seedIdentifiers, type BasipIdentifier } from './identifier.ts';
import { apiLevelOf, type BasipApiLevel } from './info.ts';
import type { PanelState } from './panel.ts';
import { IdentifierStore } from './store.ts';

export type { BasipAccountType } from './auth.ts';
export type { BasipErrorStyle } from './errors.ts';
export type { BasipIdentifier } from './identifier.ts';
export type { BasipApiLevel } from './info.ts';

/** The panel's default HTTP port (callers choose the real port they listen on). */
export const BASIP_PORT = 80;

/** How long a bearer token lives by default: 2 hours, as the vendor documents. */
export const BASIP_DEFAULT_TOKEN_TTL_MS = 2 * 60 * 60 * 1000;

/** How a simulated BAS-IP panel is built. */
export interface BasipDeviceOptions {
  /** Default: derived from `seed`. */
  serial?: string;
  /** Default `AA-12FB`. */
  model?: string;
  /** Default `3.9.1`. Before 3.9 the panel speaks `/api/v0` only and `/api/v1/...` answers 404. */
  firmware?: string;
  /** Seeds the population, the serial and the fault draws. Default 1. */
  seed?: number | string;
  /** The people on the panel (default `generatePeople(seed, 5000)`): one card each, a face for some. */
  people?: SimPerson[];
  knobs?: Partial<Knobs>;
  /** Default `admin`. */
  username?: string;
  /** The plain password; logins send its MD5 hex. Default `123456`. */
  password?: string;
  /** Bearer token lifetime. Default 2 h. */
  tokenTtlMs?: number;
  /** Error bodies as `{"error": "..."}` (legacy, default) or `{"error": {"code", "message"}}` (coded). */
  errorStyle?: BasipErrorStyle;
  /** The account the login gets; a `user` account reads but gets 403 on identifier writes. Default `admin`. */
  accountType?: BasipAccountType;
  /** Also serve the older Android-panel `POST /api/v1/access/identifiers/link/delete`. Default false. */
  androidLegacyRoutes?: boolean;
  /** The clock tokens expire by (ms). Default `Date.now`. */
  now?: () => number;
}

/** A simulated BAS-IP panel: a {@link SimDevice} plus a look at its identifiers. */
export interface BasipDevice extends SimDevice {
  /** `v1` for firmware 3.9 and later, else `v0`. */
  readonly apiLevel: BasipApiLevel;
  /** Copies of every identifier, in uid order. */
  identifiers(): BasipIdentifier[];
}

/** Creates a simulated BAS-IP panel; serve its `handle` with `serve()` from tools/sim/common/http.ts. */
export function createBasipDevice(options: BasipDeviceOptions = {}): BasipDevice {
  const seed = options.seed ?? 1;
  const model = options.model ?? 'AA-12FB';
  const info: SimDeviceInfo = {
    vendor: 'basip',
    model,
    serial: options.serial ?? defaultSerial(seed),
    firmware: options.firmware ?? '3.9.1',
  };
  const people = options.people ?? generatePeople(seed, 5000);
  const state: PanelState = {
    info,
    level: apiLevelOf(info.firmware),
    username: options.username ?? 'admin',
    password: options.password ?? '123456',
    accountType: options.accountType ?? 'admin',
    errorStyle: options.errorStyle ?? 'legacy',
    androidLegacyRoutes: options.androidLegacyRoutes ?? false,
    store: new IdentifierStore(seedIdentifiers(people, seed)),
    tokens: new TokenStore(options.tokenTtlMs ?? BASIP_DEFAULT_TOKEN_TTL_MS, options.now ?? Date.now),
    knobs: new KnobBox(options.knobs ?? {}, seed),
  };
  const log = new RequestLog();
  return {
    info,
    knobs: state.knobs,
    log,
    handle: createHandler(state, log),
    apiLevel: state.level,
    identifiers: () => state.store.all(),
    stats: () => ({
      people: state.store.peopleCount(),
      faces: state.store.faceCount(),
      identifiers: state.store.size,
    }),
    holds(idKind, id) {
      if (idKind === 'uid') return /^\d+$/.test(id) && state.store.hasUid(Number(id));
      if (idKind === 'link_id') return state.store.hasLink(id.toLowerCase());
      return false;
    },
  };
}

/** A serial number derived from the seed (format unverified: 12 upper-case hex digits, like a MAC). */
function defaultSerial(seed: number | string): string {
  const prng = createPrng(`${seed}:basip-serial`);
  return Array.from({ length: 12 }, () => prng.int(0, 15).toString(16))
    .join('')
    .toUpperCase();
}
