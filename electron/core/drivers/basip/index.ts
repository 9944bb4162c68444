import type { DriverOptions, TerminalDriver } from '../driver.ts';
import { createTerminalHttp } from '../http-client.ts';
import { probeBasip } from './probe.ts';
import { createBasipSession } from './session.ts';

export { md5UpperHex } from './auth.ts';
export { V0_UNSUPPORTED_MESSAGE } from './session.ts';

/**
 * The BAS-IP panel driver (local API v1, PROTOCOLS.md §2): a credential-free probe of the device-info
 * answer, and sessions that log in with the MD5 of the password, renew expired tokens, list identifiers and
 * delete them by link id or uid, each id's outcome resting on the panel's own word (README.md here).
 */
export function createBasipDriver(options: DriverOptions): TerminalDriver {
  return {
    kind: 'basip',
    defaultPorts: [80],
    probe: (endpoint, signal) => probeBasip(createTerminalHttp(endpoint, options.timeoutMs), options.timeoutMs, signal),
    session: (endpoint, credentials) =>
      createBasipSession(createTerminalHttp(endpoint, options.timeoutMs), credentials, options.timeoutMs),
  };
}
