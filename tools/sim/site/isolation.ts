import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { NAMESPACE_PREFIX } from './ip.ts';
import { NETNS_ENV } from './netns.ts';

/** Where `ip netns add` pins named namespaces. */
const NETNS_DIR = '/var/run/netns';

/** What the guard needs to read; a port so tests can present other answers. */
export interface IsolationProbe {
  /** The `net:[inode]` link of a process's network namespace; throws when it may not be read. */
  namespaceLink(pid: 'self' | number): string;
  /** The parent pid of a process, or undefined when unknown. */
  parentOf(pid: 'self' | number): number | undefined;
  /** Inode of a file (for /var/run/netns/<name> and /proc/self/ns/net), or undefined when missing. */
  inode(path: string): number | undefined;
  /** Names pinned under /var/run/netns. */
  namedNamespaces(): string[];
  env: NodeJS.ProcessEnv;
}

const realProbe: IsolationProbe = {
  namespaceLink: (pid) => readlinkSync(`/proc/${pid}/ns/net`),
  parentOf: (pid) => {
    try {
      // Field 4 of /proc/<pid>/stat, after the parenthesised command name (which may hold spaces).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
    } catch {
      return undefined;
    }
  },
  inode: (path) => {
    try {
      return statSync(path).ino;
    } catch {
      return undefined;
    }
  },
  namedNamespaces: () => {
    try {
      return readdirSync(NETNS_DIR);
    } catch {
      return [];
    }
  },
  env: process.env,
};

/**
 * The network namespace link of the machine's root namespace: PID 1's, or where PID 1 may not be
 * inspected (some sandboxes), the oldest ancestor of this process that may be (the harness starts its
 * children from the root namespace, so its ancestry reaches there).
 */
export function rootNamespaceLink(probe: IsolationProbe = realProbe): string {
  try {
    return probe.namespaceLink(1);
  } catch {
    let found: string | undefined;
    const seen = new Set<number>();
    for (let pid = probe.parentOf('self'); pid !== undefined && pid > 1 && !seen.has(pid); pid = probe.parentOf(pid)) {
      seen.add(pid);
      try {
        found = probe.namespaceLink(pid);
      } catch {
        // Not ours to read; keep climbing.
      }
    }
    if (found === undefined) throw new Error('neither PID 1 nor any ancestor has a readable network namespace');
    return found;
  }
}

/**
 * Throws unless this process runs inside a network namespace that this harness created: its network
 * namespace must differ from the root one (see {@link rootNamespaceLink}), and must be the very namespace pinned as `/var/run/netns/fcom-...`
 * (the one named by FCOM_SIM_NETNS when set, else any `fcom-` one with the same inode, as
 * `ip netns identify` does). Call it before anything starts mDNS. Returns the namespace's name.
 */
export function assertIsolatedForMdns(probe: IsolationProbe = realProbe): string {
  const refuse = (why: string): never => {
    throw new Error(`Refusing to start mDNS: ${why} mDNS may only run inside a namespace the site harness made.`);
  };
  let own: string;
  let root: string;
  try {
    own = probe.namespaceLink('self');
    root = rootNamespaceLink(probe);
  } catch (error) {
    return refuse(`cannot read the network namespace links (${(error as Error).message}).`);
  }
  if (own === root) refuse('this process runs in the root network namespace.');
  const ownInode = probe.inode('/proc/self/ns/net');
  if (ownInode === undefined) return refuse('cannot read this process’s network namespace.');

  const named = probe.env[NETNS_ENV];
  if (named !== undefined) {
    if (!named.startsWith(NAMESPACE_PREFIX)) refuse(`${NETNS_ENV}="${named}" is not a harness namespace.`);
    if (probe.inode(`${NETNS_DIR}/${named}`) !== ownInode) {
      refuse(`${NETNS_ENV}="${named}" does not name the namespace this process runs in.`);
    }
    return named;
  }
  const match = probe
    .namedNamespaces()
    .find((name) => name.startsWith(NAMESPACE_PREFIX) && probe.inode(`${NETNS_DIR}/${name}`) === ownInode);
  return match ?? refuse('this network namespace is not one of the harness’s fcom- namespaces.');
}
