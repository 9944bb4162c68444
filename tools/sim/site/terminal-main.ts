import { parseArgs } from 'node:util';
import type { Knobs } from '../common/knobs.ts';
import { advertise } from './advertise.ts';
import { serveControl } from './control.ts';
import { peopleFor, type TerminalKind } from './population.ts';
import { startTerminalRuntime } from './terminal-runtime.ts';
import type { TerminalReady } from './terminal-protocol.ts';

/**
 * One simulated terminal as its own process, normally started by the site harness through
 * `ip netns exec <ns> node tools/sim/site/terminal-main.ts --kind sophon|basip --serial S --seed X
 * --address A [--port P] [--mdns] [--site-seed S --index I --population N --people M]`, with an IPC
 * channel. It serves the device on A:P, advertises it over mDNS when --mdns is given (only inside a
 * harness namespace), reports `ready` and then answers the ops of terminal-protocol.ts (`setOnline`
 * closes and reopens its port: how a loopback-mode site takes a terminal away).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string' },
      serial: { type: 'string' },
      seed: { type: 'string', default: '1' },
      address: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      mdns: { type: 'boolean', default: false },
      model: { type: 'string' },
      firmware: { type: 'string' },
      'site-seed': { type: 'string', default: 'site' },
      index: { type: 'string', default: '0' },
      population: { type: 'string', default: '0' },
      people: { type: 'string', default: '0' },
      knobs: { type: 'string' },
    },
    strict: true,
  });
  const kind = values.kind as TerminalKind;
  if (kind !== 'sophon' && kind !== 'basip') throw new Error('--kind must be sophon or basip.');
  if (!values.serial) throw new Error('--serial is required.');
  const people = peopleFor(values['site-seed'], Number(values.index), Number(values.population), Number(values.people));
  const terminal = await startTerminalRuntime({
    kind,
    serial: values.serial,
    seed: values.seed,
    address: values.address,
    port: values.port === undefined ? undefined : Number(values.port),
    people,
    model: values.model,
    firmware: values.firmware,
    knobs: values.knobs ? (JSON.parse(values.knobs) as Partial<Knobs>) : undefined,
    advertise: values.mdns ? advertise : undefined,
  });
  const sendReady = serveControl(terminal.handlers, () => void terminal.stop().finally(() => process.exit(0)));
  process.on('SIGTERM', () => void terminal.stop().finally(() => process.exit(0)));
  sendReady(terminal.ready satisfies TerminalReady);
}

// `--warm-up` only loads the modules above (filling the compile cache) and ends.
if (process.argv.includes('--warm-up')) process.exit(0);
main().catch((error: unknown) => {
  console.error(`terminal could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
