import type { ChildProcess, SpawnOptions } from 'node:child_process';
import type { Knobs } from '../common/knobs.ts';
import { canUseNamespaces } from './ip.ts';
import { createSiteNetwork } from './netns.ts';
import {
  kindAt,
  populationSeed,
  populationSize,
  serialFor,
  subsetFor,
  type SiteKind,
  type TerminalKind,
} from './population.ts';
import { startTerminalGroup } from './group-process.ts';
import {
  launchHere,
  startTerminal,
  warmUp,
  type Launcher,
  type TerminalProcess,
  type TerminalSpec,
} from './terminal-process.ts';
import type { TerminalControl } from './terminal-protocol.ts';

/** Where a site runs: a private LAN of namespaces, or (elsewhere) 127.0.0.1 with one port per terminal. */
export type SiteMode = 'namespaces' | 'loopback';

/** Per-terminal choices beyond the defaults (e.g. an older firmware on some panels). */
export interface TerminalOverrides {
  model?: string;
  firmware?: string;
  knobs?: Partial<Knobs>;
}

/** Options of {@link startSite}. */
export interface SiteOptions {
  /** Number of terminals (default 20). */
  terminals?: number;
  /** Default `mixed`: Sophon on even indexes, BAS-IP on odd ones. */
  kind?: SiteKind;
  /** Seeds serials, the population and every device (default "site"). */
  seed?: string | number;
  /** People each terminal holds (default 50), drawn from one site population. */
  peoplePerTerminal?: number;
  /** Size of the site population (default twice `peoplePerTerminal`). */
  populationSize?: number;
  /** Default 10.77.0.0/24. */
  subnet?: string;
  /** Default: namespaces when Linux and root, else loopback. */
  mode?: SiteMode;
  configure?: (index: number, kind: TerminalKind) => TerminalOverrides;
  /**
   * A light site: every terminal in one process (group-main.ts) instead of one process each, with the same
   * device simulators, knobs and mDNS records. In namespace mode they share one namespace, each with its own
   * address on one interface (so they share one MAC, and `cut` removes the terminal's address). For
   * benchmarks that measure the app, not the simulator; realism tests keep the default (false).
   */
  light?: boolean;
  /** Where the harness says what it did (default console.log). */
  log?: (line: string) => void;
}

/** One running terminal of a site. */
export interface SiteTerminal {
  index: number;
  kind: TerminalKind;
  serial: string;
  model: string;
  firmware: string;
  address: string;
  port: number;
  /** `http://address:port` */
  origin: string;
  /** Its namespace, or null in loopback mode. */
  namespace: string | null;
  /** Its advertised mDNS instance name, or null without mDNS. */
  mdnsName: string | null;
  /** The people this terminal holds, as indexes into the site population. */
  people: number[];
  control: TerminalControl;
}

/** A running simulated site. */
export interface Site {
  mode: SiteMode;
  /** Whether one process serves every terminal (see {@link SiteOptions.light}). */
  light: boolean;
  /** The laptop's namespace (run the app or a browse there), or null in loopback mode. */
  laptopNamespace: string | null;
  /** The laptop's address on the site LAN, or 127.0.0.1 in loopback mode. */
  laptopAddress: string;
  /** The site population every terminal draws from: `generatePeople(seed, size)`. */
  population: { seed: string; size: number };
  terminals: SiteTerminal[];
  /** Takes terminal `index` off the network (namespaces: its link goes down; loopback: its port closes). */
  cut(index: number): Promise<void>;
  restore(index: number): Promise<void>;
  /** Starts a command on the laptop side (inside its namespace when there is one). */
  runInLaptop(command: string, args: readonly string[], options?: SpawnOptions): ChildProcess;
  /** Stops every terminal (with mDNS goodbyes) and deletes the network; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a simulated site: the LAN (in namespace mode), then every terminal in parallel, and resolves
 * once all serve and have announced themselves. Elsewhere than Linux-as-root the terminals run on
 * 127.0.0.1 with distinct ports and no mDNS, and the harness says so through `log`.
 */
export async function startSite(options: SiteOptions = {}): Promise<Site> {
  const count = options.terminals ?? 20;
  const siteKind = options.kind ?? 'mixed';
  const seed = String(options.seed ?? 'site');
  const perTerminal = options.peoplePerTerminal ?? 50;
  const size = options.populationSize ?? populationSize(perTerminal);
  const log = options.log ?? ((line: string) => console.log(line));
  const mode: SiteMode = options.mode ?? (canUseNamespaces() ? 'namespaces' : 'loopback');
  if (mode === 'namespaces' && !canUseNamespaces()) throw new Error('Namespace mode needs Linux and root.');
  if (mode === 'loopback') {
    const why = canUseNamespaces() ? 'loopback mode was asked for' : 'network namespaces need Linux and root';
    log(`Site harness: ${why}, so the ${count} terminals run on 127.0.0.1, each on its own port, without mDNS.`);
  }

  const light = options.light === true;
  const [network] = await Promise.all([
    mode === 'namespaces' ? createSiteNetwork({ terminals: count, subnet: options.subnet, shared: light }) : undefined,
    light ? undefined : warmUp(),
  ]);
  const launcherFor = (index: number): Launcher => {
    const slot = network?.terminals[index];
    return slot
      ? (command, args, spawnOptions) => network.spawn(slot.namespace, command, args, spawnOptions)
      : launchHere;
  };
  const specs: TerminalSpec[] = Array.from({ length: count }, (_, index) => {
    const kind = kindAt(siteKind, index);
    const slot = network?.terminals[index];
    return {
      index,
      kind,
      serial: serialFor(seed, kind, index),
      seed: `${seed}/terminal/${index}`,
      address: slot?.address ?? '127.0.0.1',
      port: slot ? undefined : 0,
      mdns: Boolean(slot),
      siteSeed: seed,
      populationSize: size,
      people: perTerminal,
      ...options.configure?.(index, kind),
    };
  });

  // Every start settles before a failure is reported, so none is left running behind the error.
  const outcomes: PromiseSettledResult<TerminalProcess>[] = light
    ? await startTerminalGroup(specs, launcherFor(0)).then(
        (group) => group.terminals.map((value) => ({ status: 'fulfilled' as const, value })),
        (reason: unknown) => [{ status: 'rejected' as const, reason }],
      )
    : await Promise.allSettled(specs.map((spec) => startTerminal(spec, launcherFor(spec.index))));
  const processes = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  // A light site's terminals share one child: it is stopped once.
  const stopAll = (): Promise<unknown> => Promise.all([...new Set(processes.map((t) => t.child))].map((c) => c.stop()));
  const failure = outcomes.find((o) => o.status === 'rejected');
  if (failure) {
    await stopAll();
    await network?.destroy();
    throw failure.reason;
  }

  const terminals: SiteTerminal[] = processes.map((t, index) => ({
    index,
    kind: t.ready.info.vendor,
    serial: t.ready.info.serial,
    model: t.ready.info.model,
    firmware: t.ready.info.firmware,
    address: t.ready.address,
    port: t.ready.port,
    origin: `http://${t.ready.address}:${t.ready.port}`,
    namespace: network?.terminals[index]?.namespace ?? null,
    mdnsName: t.ready.mdns,
    people: subsetFor(seed, index, size, perTerminal),
    control: t.control,
  }));
  const terminalAt = (index: number): TerminalProcess => {
    const found = processes[index];
    if (!found) throw new Error(`There is no terminal ${index} (0 to ${count - 1}).`);
    return found;
  };

  let stopping: Promise<void> | undefined;
  return {
    mode,
    light,
    laptopNamespace: network?.laptop.namespace ?? null,
    laptopAddress: network?.laptop.address ?? '127.0.0.1',
    population: { seed: populationSeed(seed), size },
    terminals,
    cut: (index) => (network ? network.cut(index) : terminalAt(index).setOnline(false)),
    restore: (index) => (network ? network.restore(index) : terminalAt(index).setOnline(true)),
    runInLaptop: (command, args, spawnOptions = {}) =>
      network
        ? network.spawn(network.laptop.namespace, command, args, spawnOptions)
        : launchHere(command, args, spawnOptions),
    stop: () =>
      (stopping ??= (async () => {
        await stopAll();
        await network?.destroy();
      })()),
  };
}
