import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { deleteNamespacesSync, ipBatch, reapStaleNamespaces, run, type ExecResult } from './ip.ts';

/** Environment variable naming the harness namespace a child was started in (checked by the isolation guard). */
export const NETNS_ENV = 'FCOM_SIM_NETNS';

/** Name of the laptop's LAN interface inside its namespace. */
export const LAPTOP_INTERFACE = 'site0';
/** Name of a terminal's LAN interface inside its namespace. */
export const TERMINAL_INTERFACE = 'eth0';

/** Host number of the laptop in the subnet (.2), and of the first terminal (.10). */
const LAPTOP_HOST = 2;
const FIRST_TERMINAL_HOST = 10;

/** One namespace on the simulated LAN with its address. */
export interface LanMember {
  namespace: string;
  address: string;
  /** Interface name inside its namespace. */
  interface: string;
}

/** A terminal's place on the LAN; `port` is its bridge-side veth end (what `cut` switches off). */
export interface TerminalSlot extends LanMember {
  index: number;
  port: string;
}

/** A simulated site LAN: a bridge, one namespace per terminal, one for the laptop. */
export interface SiteNetwork {
  /** `fcom-<pid>-<k>`: the prefix of every namespace of this network. */
  readonly id: string;
  /** The namespace holding the bridge. */
  readonly lanNamespace: string;
  readonly prefixLength: number;
  readonly laptop: LanMember;
  readonly terminals: readonly TerminalSlot[];
  /** Every namespace of this network (bridge, terminals, laptop). */
  readonly namespaces: readonly string[];
  /** Takes terminal `index` off the LAN (its bridge port goes down). */
  cut(index: number): Promise<void>;
  /** Puts terminal `index` back on the LAN. */
  restore(index: number): Promise<void>;
  /** Runs a command inside `namespace` to its end. */
  exec(namespace: string, command: string, args: readonly string[], timeoutMs?: number): Promise<ExecResult>;
  /** Starts a command inside `namespace` (via `ip netns exec`, which keeps an IPC fd). */
  spawn(namespace: string, command: string, args: readonly string[], options?: SpawnOptions): ChildProcess;
  /** Kills what still runs inside and deletes every namespace; safe to call twice. */
  destroy(): Promise<void>;
}

/** Options of {@link createSiteNetwork}. */
export interface SiteNetworkOptions {
  terminals: number;
  /** IPv4 subnet in CIDR form (default 10.77.0.0/24); prefix at most /24. */
  subnet?: string;
  /**
   * One namespace for every terminal (`<id>-terminals`, for a light site's group process) instead of one
   * each: its `eth0` holds every terminal's address (as /32, with a route to the subnet), and `cut` removes
   * a terminal's address rather than taking a bridge port down.
   */
  shared?: boolean;
}

let networkCount = 0;
const live = new Map<string, readonly string[]>();
let handlersInstalled = false;

/**
 * Builds the LAN: namespace `<id>-lan` with bridge `br0`; per terminal a namespace `<id>-t<i>` whose
 * `eth0` (address .10+i) is a veth whose peer `t<i>` is a bridge port; namespace `<id>-laptop` whose
 * `site0` (address .2) joins the bridge the same way. Every namespace has lo up with multicast on and a
 * 224.0.0.0/4 route on its LAN interface. Stale namespaces of dead runs are reaped first, and the
 * network is deleted on process exit, SIGINT and SIGTERM if nobody destroyed it before.
 */
export async function createSiteNetwork(options: SiteNetworkOptions): Promise<SiteNetwork> {
  reapStaleNamespaces();
  installCleanupHandlers();
  const { base, prefixLength } = parseSubnet(options.subnet ?? '10.77.0.0/24');
  const size = 2 ** (32 - prefixLength);
  if (FIRST_TERMINAL_HOST + options.terminals >= size - 1) {
    throw new Error(`${options.terminals} terminals do not fit in a /${prefixLength} subnet.`);
  }
  const id = `fcom-${process.pid}-${networkCount++}`;
  const lanNamespace = `${id}-lan`;
  const address = (host: number): string => formatIpv4(base + host);
  const laptop: LanMember = { namespace: `${id}-laptop`, address: address(LAPTOP_HOST), interface: LAPTOP_INTERFACE };
  const shared = options.shared === true;
  const terminals: TerminalSlot[] = Array.from({ length: options.terminals }, (_, index) => ({
    index,
    namespace: shared ? `${id}-terminals` : `${id}-t${index}`,
    address: address(FIRST_TERMINAL_HOST + index),
    interface: TERMINAL_INTERFACE,
    port: shared ? 'tg' : `t${index}`,
  }));
  const namespaces = [lanNamespace, laptop.namespace, ...new Set(terminals.map((t) => t.namespace))];
  live.set(id, namespaces);

  try {
    await ipBatch(namespaces.map((name) => `netns add ${name}`));
    const laptopMember = { ...laptop, port: 'lap' };
    // A shared namespace joins the bridge once; its addresses are added below.
    const members: Array<LanMember & { port: string }> =
      shared && terminals[0] ? [laptopMember, terminals[0]] : [laptopMember, ...terminals];
    await ipBatch(
      [
        'link set lo up',
        'link add br0 type bridge mcast_snooping 0',
        'link set br0 addrgenmode none',
        'link set br0 up',
        ...members.flatMap((m) => [
          `link add ${m.port} type veth peer name ${m.interface} netns ${m.namespace}`,
          `link set ${m.port} addrgenmode none`,
          `link set ${m.port} master br0`,
          `link set ${m.port} up`,
        ]),
      ],
      { namespace: lanNamespace },
    );
    await Promise.all(
      members.map((m) =>
        ipBatch(
          [
            'link set lo up',
            'link set lo multicast on',
            `link set ${m.interface} addrgenmode none`,
            `link set ${m.interface} multicast on`,
            ...(shared && m.namespace !== laptop.namespace
              ? [
                  ...terminals.map((t) => `addr add ${t.address}/32 dev ${m.interface}`),
                  `link set ${m.interface} up`,
                  `route add ${formatIpv4(base)}/${prefixLength} dev ${m.interface}`,
                ]
              : [`addr add ${m.address}/${prefixLength} dev ${m.interface}`, `link set ${m.interface} up`]),
            `route add 224.0.0.0/4 dev ${m.interface}`,
          ],
          { namespace: m.namespace },
        ),
      ),
    );
  } catch (error) {
    destroyNow(id);
    throw error;
  }

  const slot = (index: number): TerminalSlot => {
    const found = terminals[index];
    if (!found) throw new Error(`There is no terminal ${index} (0 to ${terminals.length - 1}).`);
    return found;
  };
  return {
    id,
    lanNamespace,
    prefixLength,
    laptop,
    terminals,
    namespaces,
    cut: (index) =>
      shared
        ? ipBatch([`addr del ${slot(index).address}/32 dev ${TERMINAL_INTERFACE}`], {
            namespace: slot(index).namespace,
          })
        : ipBatch([`link set ${slot(index).port} down`], { namespace: lanNamespace }),
    restore: (index) =>
      shared
        ? ipBatch([`addr add ${slot(index).address}/32 dev ${TERMINAL_INTERFACE}`], {
            namespace: slot(index).namespace,
          })
        : ipBatch([`link set ${slot(index).port} up`], { namespace: lanNamespace }),
    exec: (namespace, command, args, timeoutMs) => run('ip', ['netns', 'exec', namespace, command, ...args], timeoutMs),
    spawn: (namespace, command, args, spawnOptions = {}) =>
      spawn('ip', ['netns', 'exec', namespace, command, ...args], {
        ...spawnOptions,
        env: { ...(spawnOptions.env ?? process.env), [NETNS_ENV]: namespace },
      }),
    destroy: async () => destroyNow(id),
  };
}

function destroyNow(id: string): void {
  const namespaces = live.get(id);
  if (!namespaces) return;
  live.delete(id);
  deleteNamespacesSync(namespaces);
}

/** Deletes every network of this process that is still alive (what the exit and signal handlers do). */
export function destroyAllSiteNetworks(): void {
  for (const id of [...live.keys()]) destroyNow(id);
}

function installCleanupHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', destroyAllSiteNetworks);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      // Another part of the program owns this signal and will stop in order; 'exit' still cleans up.
      if (process.listenerCount(signal) > 1) return;
      destroyAllSiteNetworks();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    };
    process.on(signal, onSignal);
  }
}

/** Parses `a.b.c.d/n` (n from 8 to 24) into the network number and prefix length. */
export function parseSubnet(cidr: string): { base: number; prefixLength: number } {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  const parts = match ? match.slice(1, 5).map(Number) : [];
  const prefixLength = match ? Number(match[5]) : NaN;
  if (!match || parts.some((p) => p > 255) || !(prefixLength >= 8 && prefixLength <= 24)) {
    throw new Error(`"${cidr}" is not an IPv4 subnet like 10.77.0.0/24 (prefix /8 to /24).`);
  }
  const value = parts.reduce((acc, p) => acc * 256 + p, 0);
  const size = 2 ** (32 - prefixLength);
  return { base: value - (value % size), prefixLength };
}

/** Formats a 32-bit number as dotted IPv4. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
