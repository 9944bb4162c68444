import type { Credentials } from '../../secrets/secret-store.ts';
import type { DriverOptions, Endpoint, TerminalDriver } from '../driver.ts';
import { createSophonApi } from './api.ts';
import { probeSophon } from './probe.ts';
import { createSophonSession, type SophonSession } from './session.ts';

export type { SophonSession } from './session.ts';
export type { FaceRemovalResult, FaceSelector, FacesLeft } from './remove-face.ts';
export { SOPHON_API_VERSION } from './probe.ts';

/** TCP port of the Sophon local API on real devices. */
export const SOPHON_DEFAULT_PORT = 5555;

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
    probe: (endpoint, signal) => probeSophon(endpoint, options.timeoutMs, signal),
    session: (endpoint, credentials) => createSophonSession(createSophonApi(endpoint, options.timeoutMs), credentials),
  };
}
