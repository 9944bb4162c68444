import type { DriverCapabilities } from '../capabilities.ts';
import type { DriverOptions, TerminalDriver } from '../driver.ts';
import { createTerminalHttp } from '../http-client.ts';
import { createSessionHttp } from '../session-http.ts';
import { probeBasip, verifyBasip } from './probe.ts';
import { createBasipSession } from './session.ts';

export { md5UpperHex } from './auth.ts';
export { V0_UNSUPPORTED_MESSAGE } from './session.ts';

/** What BAS-IP panels (API v1) can do: remove identifiers by link_id or uid and list them, after a login. */
export const BASIP_CAPABILITIES: DriverCapabilities = {
  removeBy: ['link_id', 'uid'],
  removeSingleFaces: false,
  listPeople: true,
  loginRequired: true,
};

/** TCP port of the BAS-IP local API. */
export const BASIP_DEFAULT_PORT = 80;

/**
 * The BAS-IP panel driver (local API v1, PROTOCOLS.md §2): a credential-free probe of the device-info
 * answer, and sessions that log in with the MD5 of the password, renew expired tokens, list identifiers and
 * delete them by link id or uid, each id's outcome resting on the panel's own word (README.md here).
 */
export function createBasipDriver(options: DriverOptions): TerminalDriver {
  return {
    kind: 'basip',
    defaultPorts: [BASIP_DEFAULT_PORT],
    capabilities: BASIP_CAPABILITIES,
    // The device info (serial, model) may sit behind the login.
    identify: {
      tellsMoreAfterLogin: true,
      txtVendorNames: ['bas-ip', 'basip'],
      probe: probeBasip,
      verify: verifyBasip,
    },
    probe: (endpoint, signal) => probeBasip(createTerminalHttp(endpoint, options.timeoutMs), options.timeoutMs, signal),
    // Sessions use the light client (a removal job sends thousands of requests); probes keep axios, whose
    // interceptors discovery records.
    session: (endpoint, credentials) =>
      createBasipSession(createSessionHttp(endpoint, options.timeoutMs), credentials, options.timeoutMs),
  };
}
