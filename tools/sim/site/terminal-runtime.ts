import type { Knobs } from '../common/knobs.ts';
import type { SimPerson } from '../common/people.ts';
import type { SimDeviceInfo } from '../common/device.ts';
import { serveSwitchable } from '../common/switchable.ts';
import type { ControlHandlers } from './control.ts';
import type { TerminalKind } from './population.ts';
import { createTerminalDevice, DEFAULT_PORTS } from './terminal-device.ts';
import { pageLog, type HeldQuery, type LogQuery, type TerminalReady } from './terminal-protocol.ts';

/** How a running terminal announces itself over mDNS (advertise.ts, or a group's shared responder). */
export type Advertiser = (
  info: SimDeviceInfo,
  address: string,
  port: number,
) => Promise<{ name: string; stop(): Promise<void> }>;

/** What one terminal is made of, once its people are known. */
export interface TerminalRuntimeOptions {
  kind: TerminalKind;
  serial: string;
  seed: string;
  address: string;
  /** Undefined: the kind's field default; 0: any free port. */
  port?: number;
  people: SimPerson[];
  model?: string;
  firmware?: string;
  knobs?: Partial<Knobs>;
  /** Announces it over mDNS; absent, it is not advertised. */
  advertise?: Advertiser;
}

/** A terminal serving in this process: its ready report, the control ops, and how to stop it. */
export interface TerminalRuntime {
  ready: TerminalReady;
  /** The ops of terminal-protocol.ts (and `setOnline`), as the harness calls them; `stop` included. */
  handlers: ControlHandlers;
  /** Sends the mDNS goodbye and closes the server; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts one simulated terminal in this process: the device, its HTTP server on `address:port`, its mDNS
 * advertisement when an advertiser is given. What a terminal process (terminal-main.ts) runs once, and what
 * a light site's group process (group-main.ts) runs for each of its terminals.
 */
export async function startTerminalRuntime(options: TerminalRuntimeOptions): Promise<TerminalRuntime> {
  const device = createTerminalDevice(options.kind, {
    serial: options.serial,
    seed: options.seed,
    people: options.people,
    model: options.model,
    firmware: options.firmware,
    knobs: options.knobs,
  });
  const server = await serveSwitchable(device.handle, {
    host: options.address,
    port: options.port === undefined ? DEFAULT_PORTS[options.kind] : options.port,
  });
  let advertisement: { name: string; stop(): Promise<void> } | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await advertisement?.stop();
      await server.close();
    })());

  const handlers: ControlHandlers = {
    info: () => device.info,
    knobs: () => device.knobs.get(),
    setKnobs: (patch) => device.knobs.set(patch as Partial<Knobs>),
    clearFaults: () => device.knobs.clearFaults(),
    stats: () => device.stats(),
    holds: (items) =>
      ((items ?? []) as HeldQuery[]).map((item) => device.holds(item.idKind, item.id, item.faceId ?? null)),
    setOnline: (online) => server.setOnline(online === true),
    log: (query) => pageLog(device.log.all(), (query ?? {}) as LogQuery),
    clearLog: () => device.log.clear(),
    stop,
  };
  try {
    if (options.advertise) advertisement = await options.advertise(device.info, options.address, server.port);
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    ready: { info: device.info, address: options.address, port: server.port, mdns: advertisement?.name ?? null },
    handlers,
    stop,
  };
}
