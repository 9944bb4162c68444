import { readFileSync, readlinkSync } from 'node:fs';
import { AppError } from '../../../shared/errors.ts';

/**
 * When the app may send mDNS queries, from `FCOM_MDNS`:
 * - `on` (default for technicians): on the chosen adapters;
 * - `isolated-only`: only inside a private network namespace (tests, CI and the demo set this, so nothing
 *   multicasts on a real network by accident);
 * - `off`: never.
 */
export type MdnsPolicy = 'on' | 'isolated-only' | 'off';

/** Reads the policy from the environment; unknown values count as `isolated-only` (the safe side). */
export function mdnsPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): MdnsPolicy {
  const value = env.FCOM_MDNS?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'on') return 'on';
  if (value === 'off') return 'off';
  return 'isolated-only';
}

/**
 * Whether this process runs in a network namespace other than the machine's own (Linux only): its
 * namespace differs from PID 1's, or, where PID 1 may not be inspected (some sandboxes), from that of the
 * oldest ancestor that may be. Anything unreadable counts as not isolated (the safe side).
 */
export function inPrivateNetworkNamespace(): boolean {
  const link = (pid: string | number): string | undefined => {
    try {
      return readlinkSync(`/proc/${pid}/ns/net`);
    } catch {
      return undefined;
    }
  };
  const own = link('self');
  if (!own) return false;
  let root = link(1);
  for (let pid = parentOf('self'); root === undefined && pid !== undefined && pid > 1; pid = parentOf(pid)) {
    const candidate = link(pid);
    const grandparent = parentOf(pid);
    if (candidate !== undefined && (grandparent === undefined || grandparent <= 1 || link(grandparent) === undefined)) {
      root = candidate;
    }
  }
  return root !== undefined && root !== own;
}

function parentOf(pid: string | number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** Throws a clear error when the policy forbids starting mDNS here. */
export function assertMdnsAllowed(policy: MdnsPolicy, isolated: () => boolean = inPrivateNetworkNamespace): void {
  if (policy === 'off') {
    throw new AppError(
      'FORBIDDEN_MDNS',
      'mDNS discovery is turned off (FCOM_MDNS=off). Add terminals by address or sweep a subnet.',
    );
  }
  if (policy === 'isolated-only' && !isolated()) {
    throw new AppError(
      'FORBIDDEN_MDNS',
      'mDNS discovery is allowed only inside a private network namespace here (FCOM_MDNS=isolated-only). Run it in the simulated site, or unset FCOM_MDNS on a real site.',
    );
  }
}
