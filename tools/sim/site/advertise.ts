import type { SimDeviceInfo } from '../common/device.ts';
import { createIsolatedBonjour } from './mdns.ts';

/** The service type every simulated terminal advertises (no vendor documents its own). */
export const SERVICE_TYPE = 'http';

/** A running advertisement. */
export interface Advertisement {
  readonly name: string;
  /** Sends the mDNS goodbye (TTL 0) and closes the socket. */
  stop(): Promise<void>;
}

const VENDOR_LABEL: Record<SimDeviceInfo['vendor'], string> = { sophon: 'Sophon', basip: 'BAS-IP' };

/** The instance name a terminal advertises, e.g. "Sophon FR-1234 SPH123456007". */
export function instanceName(info: SimDeviceInfo): string {
  return `${VENDOR_LABEL[info.vendor]} ${info.model} ${info.serial}`;
}

/**
 * Advertises a terminal as `_http._tcp` with TXT vendor, model, serial and firmware, from the interface
 * holding `address`. Refuses outside a harness namespace.
 */
export async function advertise(info: SimDeviceInfo, address: string, port: number): Promise<Advertisement> {
  const bonjour = createIsolatedBonjour(address);
  const name = instanceName(info);
  const service = bonjour.publish({
    name,
    type: SERVICE_TYPE,
    port,
    // Unique per terminal: every namespace shares the machine's hostname, the default target.
    host: `${info.vendor}-${info.serial.toLowerCase()}.local`,
    txt: { vendor: info.vendor, model: info.model, serial: info.serial, firmware: info.firmware },
    disableIPv6: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mDNS did not announce "${name}" within 10 s.`)), 10_000);
    service.once('up', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  let stopped: Promise<void> | undefined;
  return {
    name,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        bonjour.unpublishAll(() => bonjour.destroy(() => resolve()));
      })),
  };
}
