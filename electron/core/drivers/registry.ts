import type { ProbeKind } from '../../../shared/domain/terminal.ts';
import { createBasipDriver } from './basip/index.ts';
import type { DriverOptions, TerminalDriver } from './driver.ts';
import { createSophonDriver } from './sophon/index.ts';

/** Builds one vendor's driver with the per-request settings. */
export type CreateDriver = (options: DriverOptions) => TerminalDriver;

/**
 * Every vendor the app speaks to, one line each (README.md here: "Adding a vendor"). Keyed by the kind the
 * shared domain names, so a kind without a driver (or a driver for an unnamed kind) does not compile. The order
 * is the order discovery probes in when nothing hints at a kind.
 */
export const DRIVER_REGISTRY: Readonly<Record<ProbeKind, CreateDriver>> = {
  sophon: createSophonDriver,
  basip: createBasipDriver,
};

/** The registered kinds, in registry order. */
export const DRIVER_KINDS: readonly ProbeKind[] = Object.keys(DRIVER_REGISTRY) as ProbeKind[];

/** The driver of one kind. */
export function createDriver(kind: ProbeKind, options: DriverOptions): TerminalDriver {
  return DRIVER_REGISTRY[kind](options);
}

/** Every registered driver, in registry order (what compose.ts hands to discovery and health checks). */
export function createDrivers(options: DriverOptions): TerminalDriver[] {
  return DRIVER_KINDS.map((kind) => createDriver(kind, options));
}
