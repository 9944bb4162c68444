import type { SimDevice } from '../common/device.ts';
import { KnobBox, type Knobs } from '../common/knobs.ts';
import { generatePeople, type SimPerson } from '../common/people.ts';
import { hashString } from '../common/prng.ts';
import { RequestLog } from '../common/request-log.ts';
import { SOPHON_DEFAULT_PASSWORD, SOPHON_DEFAULT_USERNAME } from './constants.ts';
import { createSophonHandler } from './handler.ts';
import { faceOps } from './ops-faces.ts';
import { identityListOps } from './ops-identity-list.ts';
import { identityOps } from './ops-identities.ts';
import { loginOps } from './ops-login.ts';
import { permissionOps } from './ops-permissions.ts';
import { SophonStore } from './store.ts';

export { SOPHON_BASE_PATH, SOPHON_PORT } from './constants.ts';
export { SOPHON_ERRORS, type SophonErrorBody, type SophonErrorCode } from './errors.ts';

/** How to build a simulated Sophon face terminal. */
export interface SophonDeviceOptions {
  /** Default: derived from the seed, e.g. "SPH-1A2B3C4D". */
  serial?: string;
  /** Default "SE5-FACE". */
  model?: string;
  /** Default "V6R2C01" (the API documentation's release). */
  firmware?: string;
  /** Seeds the population, the face ids and the fault draws (default 1). */
  seed?: number | string;
  /** The person database at start (default: `generatePeople(seed, 5000)`). */
  people?: SimPerson[];
  knobs?: Partial<Knobs>;
  /** Login user name (default "admin"). */
  username?: string;
  /** Login password (default "admin"). */
  password?: string;
  /**
   * Operations this firmware lacks (e.g. `["deleteidentities"]`): their paths answer as unknown paths do
   * (the 404 page, or a 200 HTML page under the `html-200` variant).
   */
  withoutOps?: string[];
}

/** Every operation of `/sophon/v2/face/<op>` the simulator serves. */
export const SOPHON_OPS = { ...loginOps, ...identityOps, ...identityListOps, ...faceOps, ...permissionOps };

/**
 * Creates a simulated Sophon face terminal (local API v2, PROTOCOLS.md §1). Serve `device.handle` on any
 * port (real devices use {@link SOPHON_PORT}); change `device.knobs` while it runs; read what it saw in
 * `device.log`. Identifiers are the people themselves on a Sophon device, so `stats().identifiers`
 * equals `stats().people`.
 */
export function createSophonDevice(options: SophonDeviceOptions = {}): SimDevice {
  const seed = options.seed ?? 1;
  const store = new SophonStore(seed, options.people ?? generatePeople(seed, 5000));
  const knobs = new KnobBox(options.knobs, `${seed}/sophon/faults`);
  const log = new RequestLog();
  const handle = createSophonHandler({
    store,
    knobs,
    log,
    ops: Object.fromEntries(Object.entries(SOPHON_OPS).filter(([name]) => !options.withoutOps?.includes(name))),
    credentials: {
      username: options.username ?? SOPHON_DEFAULT_USERNAME,
      password: options.password ?? SOPHON_DEFAULT_PASSWORD,
    },
  });
  const serialSuffix = hashString(`sophon/${seed}`).toString(16).toUpperCase().padStart(8, '0');
  return {
    info: {
      vendor: 'sophon',
      model: options.model ?? 'SE5-FACE',
      serial: options.serial ?? `SPH-${serialSuffix}`,
      firmware: options.firmware ?? 'V6R2C01',
    },
    knobs,
    log,
    handle,
    stats: () => ({ people: store.identities.size, faces: store.faceCount(), identifiers: store.identities.size }),
    holds(idKind, id, faceId) {
      const identity = store.identities.get(id);
      if (!identity || idKind === 'identity_id') return identity !== undefined;
      const key = idKind === 'register_image_id' ? 'registerImageId' : 'faceId';
      return identity.faces.some((face) => face[key] === faceId);
    },
  };
}
