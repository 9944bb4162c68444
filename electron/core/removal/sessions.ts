import type { Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import { createBasipDriver } from '../drivers/basip/index.ts';
import type { TerminalDriver, TerminalSession } from '../drivers/driver.ts';
import { createSophonDriver } from '../drivers/sophon/index.ts';
import { credentialsFor, type SecretStore } from '../secrets/secret-store.ts';

/** Builds the driver of a kind with a per-request time-out. */
export type DriverFactory = (kind: 'sophon' | 'basip', timeoutMs: number) => TerminalDriver;

/** The real drivers (Sophon sessions also remove single faces). */
export const realDrivers: DriverFactory = (kind, timeoutMs) =>
  kind === 'sophon' ? createSophonDriver({ timeoutMs }) : createBasipDriver({ timeoutMs });

/**
 * Opens sessions for the removal engine: the terminal's own credentials, else the site default for its kind
 * (unreadable credentials count as none: the terminal then refuses, which the engine reports), and drivers
 * built with the engine's per-request time-out (kept per time-out value).
 */
export function createSessionFactory(
  secrets: SecretStore,
  drivers: DriverFactory = realDrivers,
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
    const credentials = await credentialsFor(secrets, terminal.serial, terminal.kind).catch(() => undefined);
    return driver.session({ address: terminal.address, port: terminal.port, scheme: 'http' }, credentials);
  };
}
