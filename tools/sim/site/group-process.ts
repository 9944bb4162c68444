import { resolve } from 'node:path';
import { childEnv, controlChild, type ControlledChild } from './control.ts';
import type { GroupCall } from './group-main.ts';
import type { Launcher, TerminalProcess, TerminalSpec } from './terminal-process.ts';
import type { TerminalReady } from './terminal-protocol.ts';

/** The entry point of a light site's group process. */
export const GROUP_MAIN = resolve(import.meta.dirname, 'group-main.ts');

/** A running group process and the terminals it serves, in the order of their specs. */
export interface TerminalGroup {
  child: ControlledChild<{ pid: number }>;
  terminals: TerminalProcess[];
}

/**
 * Starts group-main.ts with `launch` (inside the group's namespace, or right here) and has it serve every
 * spec. Each terminal comes back as a {@link TerminalProcess} whose control calls go to its slot in the group
 * and whose `child` is the group's (stopping one stops them all; the site stops the group once).
 */
export async function startTerminalGroup(specs: readonly TerminalSpec[], launch: Launcher): Promise<TerminalGroup> {
  const process_ = launch(process.execPath, [GROUP_MAIN], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: childEnv(),
  });
  const child = controlChild<{ pid: number }>(process_, `terminal group (${specs.length} terminals)`);
  try {
    await child.ready;
    const readies = await child.call<TerminalReady[]>('start', specs);
    const terminals = readies.map((ready, slot): TerminalProcess => {
      const call = <T>(op: string, args?: unknown): Promise<T> =>
        child.call<T>('call', { slot, op, args } satisfies GroupCall);
      return {
        ready,
        child,
        control: {
          setKnobs: (patch) => call('setKnobs', patch),
          knobs: () => call('knobs'),
          clearFaults: () => call('clearFaults'),
          log: (query) => call('log', query ?? {}),
          clearLog: () => call('clearLog'),
          stats: () => call('stats'),
          holds: (items) => call('holds', items),
        },
        setOnline: (online) => call('setOnline', online),
      };
    });
    return { child, terminals };
  } catch (error) {
    process_.kill('SIGKILL');
    throw error;
  }
}
