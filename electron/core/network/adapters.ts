import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { NetworkAdapter } from '../../../shared/domain/status.ts';

/** Reads the computer's network interfaces; a port so tests can pass a fixed table. */
export type InterfaceReader = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Lists every IPv4 address of every adapter, sorted by adapter name. */
export function listIpv4Adapters(read: InterfaceReader = networkInterfaces): NetworkAdapter[] {
  const adapters: NetworkAdapter[] = [];
  for (const [name, infos] of Object.entries(read())) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4') continue;
      adapters.push({ name, address: info.address, cidr: info.cidr, internal: info.internal });
    }
  }
  return adapters.sort((a, b) => a.name.localeCompare(b.name) || a.address.localeCompare(b.address));
}

/**
 * The adapters discovery should listen on: the ones the technician chose (by name), or, when none
 * was chosen, every non-internal IPv4 adapter.
 */
export function selectSiteAdapters(all: NetworkAdapter[], chosen: readonly string[]): NetworkAdapter[] {
  if (chosen.length === 0) return all.filter((adapter) => !adapter.internal);
  const wanted = new Set(chosen);
  return all.filter((adapter) => wanted.has(adapter.name));
}
