import type { SimDevice } from '../common/device.ts';
import type { Knobs } from '../common/knobs.ts';
import type { SimPerson } from '../common/people.ts';
import { BASIP_PORT, createBasipDevice } from '../basip/index.ts';
import { SOPHON_PORT, createSophonDevice } from '../sophon/index.ts';
import type { TerminalKind } from './population.ts';

/** What a site terminal is made from. Model and firmware default to the simulator's own choice. */
export interface TerminalDeviceOptions {
  serial: string;
  seed: string;
  people: SimPerson[];
  model?: string;
  firmware?: string;
  knobs?: Partial<Knobs>;
}

/** The factory-default web credentials of each kind (what a technician types first). */
export const DEFAULT_CREDENTIALS: Record<TerminalKind, { username: string; password: string }> = {
  sophon: { username: 'admin', password: 'admin' },
  basip: { username: 'admin', password: '123456' },
};

/** The port each kind serves its local API on in the field. */
export const DEFAULT_PORTS: Record<TerminalKind, number> = { sophon: SOPHON_PORT, basip: BASIP_PORT };

/** Creates the simulated device of `kind`. */
export function createTerminalDevice(kind: TerminalKind, options: TerminalDeviceOptions): SimDevice {
  const { model, firmware, ...rest } = options;
  const common = { ...rest, ...(model ? { model } : {}), ...(firmware ? { firmware } : {}) };
  return kind === 'sophon' ? createSophonDevice(common) : createBasipDevice(common);
}
