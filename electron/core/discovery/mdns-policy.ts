import { statSync } from 'node:fs';
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

/** Whether this process runs in a network namespace other than the one of PID 1 (Linux only). */
export function inPrivateNetworkNamespace(): boolean {
  try {
    return statSync('/proc/self/ns/net').ino !== statSync('/proc/1/ns/net').ino;
  } catch {
    return false;
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
