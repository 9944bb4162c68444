import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { resolve } from 'node:path';
import type { Knobs } from '../common/knobs.ts';
import { childEnv, controlChild, type ControlledChild } from './control.ts';
import type { TerminalKind } from './population.ts';
import type { TerminalControl, TerminalReady } from './terminal-protocol.ts';

/** The entry point each terminal process runs. */
export const TERMINAL_MAIN = resolve(import.meta.dirname, 'terminal-main.ts');

/** Starts a command somewhere (inside a namespace, or right here). */
export type Launcher = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/** Starts a command in this process's own network namespace. */
export const launchHere: Launcher = (command, args, options) => spawn(command, args, options);

/** What one terminal of a site is. */
export interface TerminalSpec {
  index: number;
  kind: TerminalKind;
  serial: string;
  /** Seed of the device's own draws (faults, defaults). */
  seed: string;
  address: string;
  /** Port to listen on; undefined for the kind's field default, 0 for any free port. */
  port?: number;
  mdns: boolean;
  siteSeed: string;
  populationSize: number;
  people: number;
  model?: string;
  firmware?: string;
  knobs?: Partial<Knobs>;
}

/** A running terminal after it reported ready (its own process, or its slot in a light site's group process). */
export interface TerminalProcess {
  ready: TerminalReady;
  /** The process serving it (on a light site, the group process every terminal shares). */
  child: ControlledChild<unknown>;
  control: TerminalControl;
  setOnline(online: boolean): Promise<void>;
}

/**
 * Loads terminal-main.ts and everything it imports once, without starting anything, so the compile
 * cache is warm before many terminals start at the same time (cold, they would each compile it all).
 */
export function warmUp(): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TERMINAL_MAIN, '--warm-up'], { stdio: 'ignore', env: childEnv() });
    child.on('exit', () => resolve());
    child.on('error', () => resolve());
  });
}

/** The command-line arguments of terminal-main.ts for a spec. */
export function terminalArgs(spec: TerminalSpec): string[] {
  const args = [
    TERMINAL_MAIN,
    `--kind=${spec.kind}`,
    `--serial=${spec.serial}`,
    `--seed=${spec.seed}`,
    `--address=${spec.address}`,
    `--site-seed=${spec.siteSeed}`,
    `--index=${spec.index}`,
    `--population=${spec.populationSize}`,
    `--people=${spec.people}`,
  ];
  if (spec.port !== undefined) args.push(`--port=${spec.port}`);
  if (spec.mdns) args.push('--mdns');
  if (spec.model) args.push(`--model=${spec.model}`);
  if (spec.firmware) args.push(`--firmware=${spec.firmware}`);
  if (spec.knobs) args.push(`--knobs=${JSON.stringify(spec.knobs)}`);
  return args;
}

/**
 * Starts terminal-main.ts for `spec` with `launch` and an IPC channel. Resolves once it serves (and has
 * announced itself over mDNS, when asked); rejects, with its last output, if it dies first.
 */
export async function startTerminal(spec: TerminalSpec, launch: Launcher): Promise<TerminalProcess> {
  const process_ = launch(process.execPath, terminalArgs(spec), {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: childEnv(),
  });
  const child = controlChild<TerminalReady>(process_, `terminal ${spec.index} (${spec.kind} ${spec.serial})`);
  try {
    const ready = await child.ready;
    return {
      ready,
      child,
      control: {
        setKnobs: (patch) => child.call('setKnobs', patch),
        knobs: () => child.call('knobs'),
        clearFaults: () => child.call('clearFaults'),
        log: (query) => child.call('log', query ?? {}),
        clearLog: () => child.call('clearLog'),
        stats: () => child.call('stats'),
        holds: (items) => child.call('holds', items),
      },
      setOnline: (online) => child.call('setOnline', online),
    };
  } catch (error) {
    process_.kill('SIGKILL');
    throw error;
  }
}
