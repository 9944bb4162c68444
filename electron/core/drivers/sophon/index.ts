import type { Credentials } from '../../secrets/secret-store.ts';
import type { DriverOptions, Endpoint, TerminalDriver } from '../driver.ts';
import type { DriverCapabilities } from '../capabilities.ts';
import { createSophonApi } from './api.ts';
import { probeSophon, probeSophonOver, verifySophon } from './probe.ts';
import { createSophonSession, type SophonSession } from './session.ts';

export type { SophonSession } from './session.ts';
export type { FaceRemovalResult, FaceSelector, FacesLeft } from './remove-face.ts';
export { SOPHON_API_VERSION } from './probe.ts';

/** TCP port of the Sophon local API on real devices. */
export const SOPHON_DEFAULT_PORT = 5555;

/**
 * What Sophon terminals can do: remove people by identity_id and single faces, list people; the API is open on
 * the LAN (credentials are only checked by a login call).
 */
export const SOPHON_CAPABILITIES: DriverCapabilities = {
  removeBy: ['identity_id'],
  removeSingleFaces: true,
  listPeople: true,
  loginRequired: false,
};

/** The Sophon driver: a TerminalDriver whose sessions also remove single faces. */
export interface SophonDriver extends TerminalDriver {
  readonly kind: 'sophon';
  session(endpoint: Endpoint, credentials: Credentials | undefined): SophonSession;
}

/**
 * The driver for Sophon face terminals (local API v2, `POST /sophon/v2/face/<op>` on port 5555). Every
 * request honours `options.timeoutMs` as a hard deadline and the caller's AbortSignal.
 */
export function createSophonDriver(options: DriverOptions): SophonDriver {
  return {
    kind: 'sophon',
    defaultPorts: [SOPHON_DEFAULT_PORT],
    capabilities: SOPHON_CAPABILITIES,
    // The API has no device-info operation: a login tells nothing more than the probe.
    identify: { tellsMoreAfterLogin: false, txtVendorNames: ['sophon'], probe: probeSophonOver, verify: verifySophon },
    probe: (endpoint, signal) => probeSophon(endpoint, options.timeoutMs, signal),
    session: (endpoint, credentials) => createSophonSession(createSophonApi(endpoint, options.timeoutMs), credentials),
  };
}
