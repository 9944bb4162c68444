import type { NetworkAdapter } from '../../../shared/domain/status.ts';
import type { ProbeKind, Terminal, TerminalKind } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Endpoint, PeoplePage } from '../drivers/driver.ts';
import { pinOf } from '../inventory/inventory-repository.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { createRequestLimiter } from '../jobs/limiter.ts';
import { credentialsForTrusted, type Credentials } from '../secrets/secret-store.ts';
import { addByAddress } from './add-by-address.ts';
import { parseSubnet, parseTypedAddress } from './address.ts';
import { kindFromTxt, tcpPortOpen } from './identify.ts';
import { assertMdnsAllowed, type MdnsPolicy } from './mdns-policy.ts';
import { DEFAULT_SERVICE_TYPES, startMdnsBrowsing, type MdnsBrowsing, type MdnsCandidate } from './mdns-browser.ts';
import { sweepSubnet } from './sweep.ts';
import { checkCredentials, macAt, observeTerminal, saveAndAnnounce, type ObserverDeps } from './terminal-observer.ts';

/**
 * Where a terminal in conflict moves when the technician trusts the claimant (`trust SERIAL --address A`): the
 * conflict's address (and port, which `address` may name). Refused for several serials, a terminal without a
 * conflict, or an address that is not the claimant's.
 */
function claimantPlace(
  get: (serial: string) => Terminal,
  serials: readonly string[],
  address: string,
): { address: string; port: number } {
  const typed = parseTypedAddress(address);
  const [serial] = serials;
  const conflict = serials.length === 1 && serial ? get(serial).conflict : null;
  if (!conflict || conflict.address !== typed.host || (typed.port !== undefined && typed.port !== conflict.port)) {
    throw new AppError(
      'VALIDATION',
      `${serials.join(', ')} has no identity conflict at ${address}: an address moves only one terminal in conflict ` +
        'to where its claimant answered. Check "fcom devices list", or trust it without --address to keep its pinned address.',
    );
  }
  return { address: conflict.address, port: conflict.port };
}

/**
 * Most mDNS advertisements probed at once. Every terminal of a site answers a query at the same moment; probed
 * in arrival order a few at a time, the first ones are identified while the rest wait, instead of every probe
 * being started (and its answer queued behind all the others) before the first one completes. It starts at
 * {@link MDNS_PROBES_AT_FIRST} and grows by one with each probe finished (the first probes also pay for the
 * code's first run). One probe at a time per address.
 */
export const MDNS_PROBE_CONCURRENCY = 16;
/** Probes at once when browsing starts (see {@link MDNS_PROBE_CONCURRENCY}). */
export const MDNS_PROBES_AT_FIRST = 4;

/** Most addresses probed at once by a sweep (terminals are small computers, laptops have small NAT tables). */
export const SWEEP_CONCURRENCY = 32;

/** How long a sweep waits for a TCP connection before it moves on (a live LAN host answers in milliseconds). */
export const SWEEP_CONNECT_TIMEOUT_MS = 1_200;

/** Dependencies of the discovery service. */
export interface DiscoveryDeps extends ObserverDeps {
  jobs: JobRunner;
  mdnsPolicy: MdnsPolicy;
  /** The adapters to browse on when none are named: the settings' choice or every non-internal IPv4 adapter. */
  siteAdapters: () => NetworkAdapter[];
  /** Extra mDNS service types from the settings. */
  extraServiceTypes: () => string[];
}

/** Whether mDNS browsing runs, and where. */
export interface BrowsingState {
  browsing: boolean;
  adapters: string[];
  serviceTypes: string[];
}

/** Finds terminals (mDNS, by address, by sweep) and keeps the inventory current. */
export interface DiscoveryService {
  startBrowsing(adapterNames?: string[]): BrowsingState;
  stopBrowsing(): Promise<BrowsingState>;
  browsingState(): BrowsingState;
  /**
   * Adds a device by address; with a chosen kind and credentials it is verified with read-only calls when
   * the credential-free probe cannot tell (see add-by-address.ts). Fails rather than saving a device that
   * is not the chosen kind.
   */
  addByAddress(input: {
    address: string;
    kind?: ProbeKind;
    credentials?: Credentials;
    /** Aborted when the technician cancels the add: nothing more is probed, nothing is saved (CANCELLED). */
    signal?: AbortSignal;
  }): Promise<Terminal>;
  sweep(cidr: string): { jobId: string; result: Promise<Terminal[]> };
  forget(serial: string): boolean;
  /**
   * Trusts terminals of the inventory (`devices:trust`): pins each one's identity where it is now (address,
   * port, kind, model), clears any identity conflict (the claimant is ignored) and checks its credentials.
   * With `address` (one serial in conflict), the terminal moves to the claimant's address and is pinned
   * there instead: the device that claimed its serial is the real one. NOT_FOUND names unknown serials.
   */
  trust(serials: readonly string[], address?: string): Promise<Terminal[]>;
  listPeople(serial: string, pageIndex: number, pageSize: number): Promise<PeoplePage>;
  /** Resolves when every advertisement seen so far has been probed and stored. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Creates the {@link DiscoveryService}. */
export function createDiscoveryService(deps: DiscoveryDeps): DiscoveryService {
  let browsing: { handle: MdnsBrowsing; adapters: string[]; serviceTypes: string[] } | undefined;
  const serialByCandidate = new Map<string, string>();
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>): void => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  let probesAllowed = MDNS_PROBES_AT_FIRST;
  const probes = createRequestLimiter({ global: probesAllowed, perTerminal: 1 });
  const onCandidate = async (candidate: MdnsCandidate): Promise<void> => {
    const address = candidate.addresses[0] as string;
    const release = await probes.acquire(address);
    try {
      await probeCandidate(candidate, address);
    } finally {
      if (probesAllowed < MDNS_PROBE_CONCURRENCY) probes.configure({ global: ++probesAllowed, perTerminal: 1 });
      release();
    }
  };
  const probeCandidate = async (candidate: MdnsCandidate, address: string): Promise<void> => {
    const hint = kindFromTxt(candidate.txt, deps.drivers);
    const ports = candidate.port ? [candidate.port] : defaultPortsFor(hint);
    for (const port of ports) {
      const terminal = await observeTerminal(deps, {
        endpoint: { address, port, scheme: candidate.type === 'https' ? 'https' : 'http' },
        source: 'mdns',
        name: candidate.name,
        serial: candidate.txt.serial ?? candidate.txt.sn,
        model: candidate.txt.model,
        firmware: candidate.txt.firmware ?? candidate.txt.fw,
        hint,
        adapter: candidate.adapter,
      }).catch(() => null);
      if (terminal) {
        serialByCandidate.set(candidate.key, terminal.serial);
        return;
      }
    }
  };

  const defaultPortsFor = (hint: TerminalKind | undefined): number[] => {
    const ordered = [...deps.drivers].sort((a, b) => Number(b.kind === hint) - Number(a.kind === hint));
    return [...new Set(ordered.flatMap((d) => d.defaultPorts))];
  };

  const state = (): BrowsingState => ({
    browsing: browsing !== undefined,
    adapters: browsing?.adapters ?? [],
    serviceTypes: browsing?.serviceTypes ?? [],
  });

  const requireTerminal = (serial: string): Terminal => {
    const terminal = deps.inventory.get(serial);
    if (!terminal) throw new AppError('NOT_FOUND', `No terminal with serial ${serial} is in the inventory.`);
    return terminal;
  };

  return {
    startBrowsing(adapterNames) {
      if (browsing) return state();
      assertMdnsAllowed(deps.mdnsPolicy);
      const all = deps.siteAdapters();
      const adapters = adapterNames?.length ? all.filter((a) => adapterNames.includes(a.name)) : all;
      if (adapters.length === 0) {
        throw new AppError(
          'NOT_FOUND',
          'No network adapter faces the site. Connect the laptop to the site LAN or choose an adapter in Settings.',
        );
      }
      const serviceTypes = [...new Set([...DEFAULT_SERVICE_TYPES, ...deps.extraServiceTypes()])];
      const handle = startMdnsBrowsing(adapters, serviceTypes, {
        up: (candidate) => track(onCandidate(candidate)),
        down: (key) => {
          const serial = serialByCandidate.get(key);
          const terminal = serial ? deps.inventory.get(serial) : undefined;
          if (terminal?.online) saveAndAnnounce(deps, { ...terminal, online: false });
        },
        error: () => undefined,
      });
      browsing = { handle, adapters: adapters.map((a) => a.name), serviceTypes };
      return state();
    },
    async stopBrowsing() {
      const current = browsing;
      browsing = undefined;
      await current?.handle.stop();
      return state();
    },
    browsingState: state,
    addByAddress: (request) => addByAddress(deps, request),
    sweep(cidr) {
      const subnet = parseSubnet(cidr);
      return deps.jobs.start('sweep', (signal, report) =>
        sweepSubnet(
          subnet,
          async (address, probeSignal) => {
            // A cheap TCP connect first: full probes only where something listens.
            const ports = defaultPortsFor(undefined);
            const open = await Promise.all(
              ports.map((port) => tcpPortOpen(address, port, SWEEP_CONNECT_TIMEOUT_MS, probeSignal)),
            );
            for (const port of ports.filter((_port, i) => open[i])) {
              const endpoint: Endpoint = { address, port, scheme: 'http' };
              const found = await observeTerminal(deps, { endpoint, source: 'sweep' }, probeSignal);
              if (found) return found;
            }
            return null;
          },
          {
            concurrency: SWEEP_CONCURRENCY,
            signal,
            onProgress: (done, total, found) => report(done, total, { found }),
          },
        ),
      );
    },
    forget(serial) {
      const removed = deps.inventory.forget(serial);
      if (removed) deps.bus.emit('devices:removed', { serial });
      return removed;
    },
    async trust(serials, address) {
      const wanted = [...new Set(serials)];
      const missing = wanted.filter((s) => !deps.inventory.get(s));
      if (missing.length > 0) {
        throw new AppError(
          'NOT_FOUND',
          `Not in the inventory: ${missing.slice(0, 10).join(', ')}. Check the serials with "fcom devices list".`,
          { missing },
        );
      }
      const moved = address === undefined ? undefined : claimantPlace(requireTerminal, wanted, address);
      const trusted: Terminal[] = [];
      for (const serial of wanted) {
        const row = requireTerminal(serial);
        const placed = moved ? { ...row, address: moved.address, port: moved.port } : row;
        const pinnedRow: Terminal = {
          ...placed,
          pin: pinOf(placed, deps.now(), macAt(deps, placed.address)),
          conflict: null,
        };
        const { terminal: saved } = deps.inventory.save(pinnedRow);
        const endpoint: Endpoint = { address: saved.address, port: saved.port, scheme: 'http' };
        const checked = saved.kind === 'unknown' ? saved : await checkCredentials(deps, saved, endpoint);
        trusted.push(saveAndAnnounce(deps, checked));
      }
      return trusted;
    },
    async listPeople(serial, pageIndex, pageSize) {
      const terminal = requireTerminal(serial);
      const driver = deps.drivers.find((d) => d.kind === terminal.kind);
      if (!driver)
        throw new AppError('VALIDATION', `${terminal.name || serial} is not a terminal this app can read people from.`);
      const target = { address: terminal.address, port: terminal.port };
      // Only a kind whose reads need a login sends credentials: an untrusted one is not read at all.
      if (driver.capabilities.loginRequired && terminal.trust !== 'trusted') {
        throw new AppError(
          'CONFLICT',
          terminal.trust === 'conflict'
            ? `${terminal.name || serial} is in an identity conflict: its people are not read. Resolve the conflict (trust it at the right address, or forget it), then try again.`
            : `${terminal.name || serial} is not trusted yet, so it gets no credentials. Check it is your terminal and trust it, then try again.`,
          { serial, trust: terminal.trust ?? 'untrusted' },
        );
      }
      const credentials = await credentialsForTrusted(deps.secrets, terminal, target).catch(() => undefined);
      const session = driver.session({ address: terminal.address, port: terminal.port, scheme: 'http' }, credentials);
      try {
        return await session.listPeople(pageIndex, pageSize);
      } catch (error) {
        const kind = (error as { kind?: string }).kind;
        if (kind === 'auth')
          throw new AppError(
            'UNAUTHORIZED',
            `${terminal.name || serial} refused the credentials. Set them in the terminal's details and try again.`,
            {
              messageCode: 'people.credentials-refused',
              params: { serial, address: `${terminal.address}:${terminal.port}`, kind: terminal.kind },
            },
          );
        throw new AppError(
          'NETWORK',
          `${terminal.name || serial} did not list its people: ${(error as Error).message}`,
          {
            messageCode: 'people.unreachable',
            params: { serial, address: `${terminal.address}:${terminal.port}`, kind: terminal.kind },
          },
        );
      }
    },
    async settle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async close() {
      await browsing?.handle.stop();
      browsing = undefined;
    },
  };
}
