import type { Terminal } from '../../../shared/domain/terminal.ts';
import { PROVISIONAL_PREFIX } from '../inventory/inventory-repository.ts';
import { checkCredentials, macAt, saveAndAnnounce, type ObserverDeps } from './terminal-observer.ts';

/** How often every known terminal is probed by default. */
export const HEALTH_INTERVAL_MS = 10_000;

/** Periodically probes every known terminal: online/offline, last seen, people count, credentials. */
export interface HealthMonitor {
  /**
   * Probes every terminal once now; resolves when done. With `recheckCredentials` (after credentials were
   * saved) every terminal's login is checked again, not only those whose state was unknown.
   */
  checkAll(options?: { recheckCredentials?: boolean }): Promise<void>;
  /**
   * Probes the given terminals now ("Check now" on ticked rows), their login included; serials not in the
   * inventory or of an unknown kind are skipped. Resolves when every one was probed.
   */
  checkSerials(serials: readonly string[]): Promise<void>;
  start(intervalMs?: number): void;
  stop(): void;
}

/**
 * Creates the {@link HealthMonitor}. A terminal that does not answer its kind's read-only probe is marked
 * offline at once; one that answers again is marked online in the same row (identity is the serial). A
 * trusted terminal whose address answers with another serial, or from another MAC than the one pinned, is put
 * in an identity conflict and not logged in to; credentials are checked only on trusted terminals at their pinned address (see checkCredentials).
 */
export function createHealthMonitor(deps: ObserverDeps, concurrency = 8): HealthMonitor {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const checkOne = async (terminal: Terminal, recheckCredentials: boolean): Promise<void> => {
    const driver = deps.drivers.find((d) => d.kind === terminal.kind);
    if (!driver) return;
    const endpoint = { address: terminal.address, port: terminal.port, scheme: 'http' as const };
    const probe = await driver.probe(endpoint).catch(() => null);
    const current = deps.inventory.get(terminal.serial);
    if (!current) return;
    if (!probe) {
      if (current.online) saveAndAnnounce(deps, { ...current, online: false });
      return;
    }
    if (
      current.pin &&
      probe.serial &&
      probe.serial !== current.serial &&
      !current.serial.startsWith(PROVISIONAL_PREFIX)
    ) {
      // Another device answers at the pinned address: an identity conflict, and no login.
      const conflict = {
        reason: 'identity-changed' as const,
        address: terminal.address,
        port: terminal.port,
        serial: probe.serial,
        kind: probe.kind,
        at: deps.now(),
      };
      if (current.conflict?.serial !== probe.serial) saveAndAnnounce(deps, { ...current, conflict });
      return;
    }
    const mac = macAt(deps, terminal.address);
    if (current.pin?.mac && mac && mac !== current.pin.mac && current.pin.address === terminal.address) {
      // Its serial at its pinned address, but other hardware (MAC pinned when trusted): no login.
      const conflict = {
        reason: 'mac-changed' as const,
        address: terminal.address,
        port: terminal.port,
        serial: probe.serial,
        kind: probe.kind,
        mac,
        at: deps.now(),
      };
      if (current.conflict?.mac !== mac) saveAndAnnounce(deps, { ...current, conflict });
      return;
    }
    const seen: Terminal = {
      ...current,
      online: true,
      lastSeen: deps.now(),
      apiVersion: probe.apiVersion,
      peopleCount: probe.peopleCount ?? current.peopleCount,
      capacity: probe.capacity ?? current.capacity,
    };
    const wasOffline = !current.online;
    const stale = wasOffline || recheckCredentials || current.credentials === 'unknown';
    const checked = stale ? await checkCredentials(deps, seen, endpoint) : seen;
    saveAndAnnounce(deps, checked);
  };

  const checkAll = (options: { recheckCredentials?: boolean } = {}): Promise<void> => {
    const recheck = options.recheckCredentials ?? false;
    if (running && recheck) return running.then(() => checkAll(options));
    running ??= (async () => {
      const queue = deps.inventory.list().filter((t) => t.kind !== 'unknown');
      const worker = async (): Promise<void> => {
        for (let t = queue.shift(); t; t = queue.shift()) await checkOne(t, recheck);
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const checkSerials = async (serials: readonly string[]): Promise<void> => {
    const queue = [...new Set(serials)]
      .map((serial) => deps.inventory.get(serial))
      .filter((t): t is Terminal => t !== undefined && t.kind !== 'unknown');
    const worker = async (): Promise<void> => {
      for (let t = queue.shift(); t; t = queue.shift()) await checkOne(t, true);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };

  return {
    checkAll,
    checkSerials,
    start(intervalMs = HEALTH_INTERVAL_MS) {
      if (timer) return;
      timer = setInterval(() => void checkAll(), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
