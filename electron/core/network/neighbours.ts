import { readFileSync } from 'node:fs';

/**
 * The hardware (MAC) address this laptop's neighbour table holds for an IPv4 address, lower case
 * (`aa:bb:cc:dd:ee:ff`), or null when unknown: not on a directly attached network, not yet resolved, loopback,
 * or a system without a readable table.
 */
export type MacLookup = (address: string) => string | null;

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
/** ATF_COM: the entry is resolved (linux/if_arp.h). */
const RESOLVED = 0x2;

/**
 * Reads Linux's `/proc/net/arp` text (a header line, then `IP  HW-type  Flags  HW-address  Mask  Device`):
 * resolved entries only, the all-zero address left out, one MAC per IP (the last one listed).
 */
export function parseArpTable(text: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const [ip, , flags, mac] = line.trim().split(/\s+/);
    if (!ip || !flags || !mac) continue;
    const lower = mac.toLowerCase();
    if ((Number.parseInt(flags, 16) & RESOLVED) === 0 || !MAC.test(lower) || lower === '00:00:00:00:00:00') continue;
    table.set(ip, lower);
  }
  return table;
}

/**
 * The system's neighbour table as a {@link MacLookup}: Linux's `/proc/net/arp`, read at each lookup (a small
 * file in memory; the kernel refreshes it as traffic flows). Elsewhere, or when it cannot be read, every
 * lookup answers null, so MAC pinning applies where the MAC is known and never blocks where it is not.
 */
export function systemMacLookup(read: () => string = () => readFileSync('/proc/net/arp', 'utf8')): MacLookup {
  return (address) => {
    if (process.platform !== 'linux') return null;
    try {
      return parseArpTable(read()).get(address) ?? null;
    } catch {
      return null;
    }
  };
}

/** A lookup that never knows a MAC (tests, shells without a neighbour table). */
export const NO_MAC: MacLookup = () => null;
