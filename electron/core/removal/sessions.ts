import type { ProbeKind, Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import type { TerminalDriver, TerminalSession } from '../drivers/driver.ts';
import { createDriver } from '../drivers/registry.ts';
import type { MacLookup } from '../network/neighbours.ts';
import { credentialsForTrusted, mayReceiveCredentials, type SecretStore } from '../secrets/secret-store.ts';

/** Builds the driver of a kind with a per-request time-out. */
export type DriverFactory = (kind: ProbeKind, timeoutMs: number) => TerminalDriver;

/** The real drivers, from the one driver registry (`../drivers/registry.ts`). */
export const realDrivers: DriverFactory = (kind, timeoutMs) => createDriver(kind, { timeoutMs });

/**
 * Opens sessions for the removal engine: the terminal's own credentials, else the site default for its kind
 * (unreadable credentials count as none: the terminal then refuses, which the engine reports; a locked store is
 * SECRETS_LOCKED, which stops the lane with its items kept), and drivers
 * built with the engine's per-request time-out (kept per time-out value).
 *
 * Trust is checked against the inventory as it is now (`current`, when given; else the terminal as planned):
 * a terminal that is not trusted at its pinned address (and pinned MAC, where `macOf` knows it), or is in an
 * identity conflict, gets no session at all
 * (CONFLICT), so nothing, credentials included, is sent to whatever answers there.
 */
export function createSessionFactory(
  secrets: SecretStore,
  drivers: DriverFactory = realDrivers,
  current?: (serial: string) => Terminal | undefined,
  macOf?: MacLookup,
): (terminal: Terminal, timeoutMs: number) => Promise<TerminalSession> {
  const cache = new Map<string, TerminalDriver>();
  return async (terminal, timeoutMs) => {
    if (terminal.kind === 'unknown') {
      throw new AppError('VALIDATION', `${terminal.serial} is of an unknown kind: add it again with --kind.`);
    }
    const key = `${terminal.kind}/${timeoutMs}`;
    let driver = cache.get(key);
    if (!driver) {
      driver = drivers(terminal.kind, timeoutMs);
      cache.set(key, driver);
    }
    const now = current ? (current(terminal.serial) ?? terminal) : terminal;
    const target = { address: terminal.address, port: terminal.port, mac: macOf?.(terminal.address) ?? null };
    if (!mayReceiveCredentials(now, target)) {
      throw new AppError(
        'CONFLICT',
        now.trust === 'conflict'
          ? `${terminal.serial} is in an identity conflict (another device claims it): nothing was sent. ` +
              `Resolve it with "fcom devices trust ${terminal.serial}" (add --address to move it) or forget it, then resume.`
          : `${terminal.serial} is not trusted at ${terminal.address}:${terminal.port}: nothing was sent. ` +
              `Check it is your terminal, trust it ("fcom devices trust ${terminal.serial}" or Trust in Devices), then resume.`,
        { serial: terminal.serial, trust: now.trust },
      );
    }
    // Locked credentials stop the lane (the job keeps its items for a resume once unlocked): sending none would
    // make every item fail as "credentials rejected" though the stored ones are right.
    const credentials = await credentialsForTrusted(secrets, now, target).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'SECRETS_LOCKED') throw error;
      return undefined;
    });
    return driver.session({ address: terminal.address, port: terminal.port, scheme: 'http' }, credentials);
  };
}
