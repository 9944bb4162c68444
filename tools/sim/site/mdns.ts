import { Bonjour, type ServiceConfig } from 'bonjour-service';
import { assertIsolatedForMdns } from './isolation.ts';

/** multicast-dns socket options (bonjour-service passes them through, but types them as a service config). */
interface MulticastOptions {
  /** The address whose interface joins the group and sends. */
  interface: string;
  /** Where the socket listens (0.0.0.0 so group traffic arrives on Linux). */
  bind: string;
}

/**
 * The only way the harness starts bonjour-service: refuses unless this process runs inside a harness
 * namespace, then opens mDNS on the interface holding `address` (listening on port 5353 of every
 * address, as Linux delivers multicast only to sockets bound to the wildcard or the group).
 */
export function createIsolatedBonjour(address: string): Bonjour {
  assertIsolatedForMdns();
  const options: MulticastOptions = { interface: address, bind: '0.0.0.0' };
  return new Bonjour(options as unknown as Partial<ServiceConfig>, (error: unknown) => {
    console.error(`mDNS error: ${error instanceof Error ? error.message : String(error)}`);
  });
}
