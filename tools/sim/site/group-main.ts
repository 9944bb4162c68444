import { generatePeople, type SimPerson } from '../common/people.ts';
import { serveControl } from './control.ts';
import { startGroupResponder, type GroupResponder } from './group-mdns.ts';
import { populationSeed, subsetFor } from './population.ts';
import type { TerminalSpec } from './terminal-process.ts';
import { startTerminalRuntime, type TerminalRuntime } from './terminal-runtime.ts';

/** A call the harness sends to one terminal of a group: `{ index, op, args }` as the `call` op's argument. */
export interface GroupCall {
  /** Position of the terminal in the group's `start` list (not its site index). */
  slot: number;
  op: string;
  args?: unknown;
}

/** The site population, generated once per seed and size and shared by every terminal of the group. */
function populationCache(): (siteSeed: string, size: number) => SimPerson[] {
  const cache = new Map<string, SimPerson[]>();
  return (siteSeed, size) => {
    const key = `${siteSeed}|${size}`;
    let found = cache.get(key);
    if (!found) cache.set(key, (found = generatePeople(populationSeed(siteSeed), size)));
    return found;
  };
}

/**
 * The light site's group process: many simulated terminals in one Node process, started by the site harness
 * (`group-process.ts`) with an IPC channel, inside one namespace where each terminal has its own address
 * (or on 127.0.0.1 with a port each in loopback mode). It reports `ready` at once, then takes the ops:
 * `start` (a list of {@link TerminalSpec}: builds each terminal as terminal-main.ts would, with the same
 * device simulators and knobs, and mDNS through one shared responder; answers their ready reports in
 * order), `call` (a {@link GroupCall}: one terminal's op of terminal-protocol.ts), and `stop`.
 */
function main(): void {
  const people = populationCache();
  const terminals: TerminalRuntime[] = [];
  let responder: GroupResponder | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await Promise.all(terminals.map((t) => t.stop()));
      await responder?.stop();
    })());

  const start = async (raw: unknown): Promise<unknown> => {
    const specs = raw as TerminalSpec[];
    const first = specs[0];
    if (!first) return [];
    if (specs.some((s) => s.mdns)) responder ??= startGroupResponder(first.address);
    const started = await Promise.all(
      specs.map((spec) =>
        startTerminalRuntime({
          kind: spec.kind,
          serial: spec.serial,
          seed: spec.seed,
          address: spec.address,
          port: spec.port,
          people: subsetFor(spec.siteSeed, spec.index, spec.populationSize, spec.people).map(
            (i) => people(spec.siteSeed, spec.populationSize)[i] as SimPerson,
          ),
          model: spec.model,
          firmware: spec.firmware,
          knobs: spec.knobs,
          advertise: spec.mdns ? responder?.advertise : undefined,
        }),
      ),
    );
    terminals.push(...started);
    return started.map((t) => t.ready);
  };

  const call = (raw: unknown): unknown => {
    const { slot, op, args } = raw as GroupCall;
    const handler = terminals[slot]?.handlers[op];
    if (!handler) throw new Error(`the group has no terminal ${slot} or no op "${op}"`);
    return handler(args);
  };

  const sendReady = serveControl({ start, call, stop }, () => void stop().finally(() => process.exit(0)));
  process.on('SIGTERM', () => void stop().finally(() => process.exit(0)));
  sendReady({ pid: process.pid });
}

// `--warm-up` only loads the modules above (filling the compile cache) and ends.
if (process.argv.includes('--warm-up')) process.exit(0);
main();
