import type {
  DiscoverySource,
  IdentificationRecord,
  ProbeKind,
  Terminal,
  TerminalKind,
} from '../../../shared/domain/terminal.ts';
import { canRemove, capabilitiesOf } from '../../../shared/domain/capabilities.ts';
import type { Endpoint, ProbeResult, TerminalDriver } from '../drivers/driver.ts';
import type { EventBus } from '../events/event-bus.ts';
import {
  PROVISIONAL_PREFIX,
  pinOf,
  provisionalSerial,
  type InventoryRepository,
} from '../inventory/inventory-repository.ts';
import {
  credentialsForTrusted,
  mayReceiveCredentials,
  terminalCredentialsKey,
  writeCredentials,
  type Credentials,
  type SecretStore,
} from '../secrets/secret-store.ts';
import { sanitizeAdvertisedText } from './advertisement.ts';
import type { MacLookup } from '../network/neighbours.ts';
import { identifyEndpoint } from './identify.ts';
import { createProbeRecorder, type ProbeRecorder } from './probe-trace.ts';

/** What was seen of a device, before probing. */
export interface Sighting {
  endpoint: Endpoint;
  source: DiscoverySource;
  /** Advertised instance name, if any. */
  name?: string;
  /** Serial, model and firmware from a TXT record, if any. */
  serial?: string;
  model?: string;
  firmware?: string;
  hint?: TerminalKind;
  adapter?: string;
}

/** Dependencies of the observer. */
export interface ObserverDeps {
  inventory: InventoryRepository;
  drivers: readonly TerminalDriver[];
  secrets: SecretStore;
  bus: EventBus;
  timeoutMs: number;
  now: () => number;
  /** The neighbour table (MAC pinning); absent: MACs are never known. */
  macOf?: MacLookup;
}

/** The MAC of `address` as the neighbour table knows it now, or null. */
export function macAt(deps: Pick<ObserverDeps, 'macOf'>, address: string): string | null {
  return deps.macOf?.(address) ?? null;
}

/** What identifying a device found: a kind and what it told (the API level may be unknown), or nothing. */
export type Identified = (Omit<ProbeResult, 'apiVersion'> & { apiVersion: string | null }) | null;

/**
 * Turns a sighting into an inventory row: probes the endpoint (read-only, no credentials) and hands what it
 * found to {@link recordSighting}. Returns null when nothing answers at the endpoint.
 */
export async function observeTerminal(
  deps: ObserverDeps,
  sighting: Sighting,
  signal?: AbortSignal,
): Promise<Terminal | null> {
  const recorder = createProbeRecorder();
  const identification = await identifyEndpoint(deps.drivers, sighting.endpoint, {
    hint: sighting.hint,
    timeoutMs: deps.timeoutMs,
    signal,
    recorder,
  });
  if (identification.found === 'nothing') return null;
  const probe = identification.found === 'terminal' ? identification.probe : null;
  return recordSighting(deps, sighting, probe, { recorder }, signal);
}

/**
 * Stores what identification found: keys the row by serial (probe, else TXT, else the row of the same kind
 * already known at this address and port, else a provisional address key), saves `credentials` given by the
 * technician under that serial, checks the stored credentials, saves, and tells the UI. A device that stayed
 * unknown keeps the record of what was tried (`recorder`); a known one drops any older record.
 *
 * Trust (`trust: true` when the technician added it by address) pins the terminal where it answered, unless
 * its serial is trusted and pinned elsewhere: that is a conflict even then (moving takes an explicit
 * `trust` with the claimant's address, after the technician saw who claims what). A discovered device that contradicts a
 * trusted terminal (claims its serial from another address, or answers at its pinned address as another
 * serial or kind) is an identity conflict: it is recorded on the trusted terminal, whose row and address stay
 * as they were, and nothing (no credentials) goes to the claimant.
 */
export async function recordSighting(
  deps: ObserverDeps,
  sighting: Sighting,
  probe: Identified,
  extra: { recorder?: ProbeRecorder; chosenKind?: ProbeKind; credentials?: Credentials; trust?: boolean },
  signal?: AbortSignal,
): Promise<Terminal> {
  const { address, port } = sighting.endpoint;
  const kind: TerminalKind = probe?.kind ?? 'unknown';
  const told = sanitizeAdvertisedText(probe?.serial ?? sighting.serial ?? '');
  const serial = told || (probe ? knownAt(deps, address, port, probe.kind) : null) || provisionalSerial(address, port);
  const existing = deps.inventory.get(serial);
  const identification: IdentificationRecord | undefined =
    kind === 'unknown' && extra.recorder
      ? { at: deps.now(), chosenKind: extra.chosenKind ?? null, attempts: extra.recorder.attempts() }
      : undefined;
  const terminal: Terminal = {
    serial,
    kind,
    apiVersion: probe?.apiVersion ?? (existing?.kind === kind ? existing.apiVersion : null),
    name: sanitizeAdvertisedText(sighting.name ?? probe?.name ?? existing?.name ?? ''),
    model: nullable(probe?.model ?? sighting.model ?? existing?.model),
    firmware: nullable(probe?.firmware ?? sighting.firmware ?? existing?.firmware),
    address,
    port,
    online: true,
    lastSeen: deps.now(),
    credentials: existing?.credentials ?? 'unknown',
    peopleCount: probe?.peopleCount ?? existing?.peopleCount ?? null,
    capacity: probe?.capacity ?? existing?.capacity ?? null,
    source: existing?.source ?? sighting.source,
    adapter: sighting.adapter ?? existing?.adapter ?? null,
    ...(identification ? { identification } : {}),
  };
  const contradicted = conflictOf(deps, terminal, told !== '');
  // Even the technician's own add does not move a terminal pinned elsewhere: whoever claims a trusted serial
  // from another address is a conflict (nothing sent, the address does not move) until the technician moves
  // it explicitly (`trust` with the claimant's address). A trusted terminal pinned where the added device
  // answered is contradicted (another device now lives at its address) and put in conflict.
  if (contradicted && (!extra.trust || contradicted.serial === serial)) return saveAndAnnounce(deps, contradicted);
  if (contradicted) saveAndAnnounce(deps, contradicted);
  const pinned: Terminal = extra.trust
    ? { ...terminal, pin: pinOf(terminal, deps.now(), macAt(deps, address)), conflict: null }
    : terminal;
  if (kind === 'unknown') return saveAndAnnounce(deps, pinned);
  if (extra.credentials) await writeCredentials(deps.secrets, terminalCredentialsKey(serial), extra.credentials);
  // Saved first (quietly) so the credentials check sees the trust the inventory gives the row.
  const { terminal: saved, replaced } = deps.inventory.save(pinned);
  if (replaced) deps.bus.emit('devices:removed', { serial: replaced });
  const checked = await checkCredentials(deps, saved, sighting.endpoint, signal);
  // The check changed nothing (an untrusted terminal is not logged in to): announced as saved, not written twice.
  if (sameCheck(checked, saved)) {
    deps.bus.emit('devices:updated', saved);
    return saved;
  }
  return saveAndAnnounce(deps, checked);
}

/** Whether a credentials check left every field it may set as it was. */
function sameCheck(checked: Terminal, saved: Terminal): boolean {
  return (
    checked.credentials === saved.credentials &&
    checked.peopleCount === saved.peopleCount &&
    checked.capacity === saved.capacity
  );
}

/**
 * The trusted terminal that `seen` contradicts, with the conflict recorded, or null when it contradicts none:
 * its serial is pinned at another address or port, or a trusted terminal is pinned where it answered and it
 * is another serial (`toldSerial`) or another kind. A provisional pinned row of the same (or an unknown) kind
 * is not contradicted: the device just told its serial. A device that stayed unknown contradicts nothing at a
 * pinned address (a terminal that answers badly for a moment is not an impostor).
 */
function conflictOf(deps: ObserverDeps, seen: Terminal, toldSerial: boolean): Terminal | null {
  // Read only when a pinned terminal is involved: a first visit (nothing pinned) never parses the table.
  let known: { mac: string | null } | undefined;
  const mac = (): string | null => (known ??= { mac: macAt(deps, seen.address) }).mac;
  const conflict = (reason: 'serial-elsewhere' | 'identity-changed' | 'mac-changed') => ({
    reason,
    address: seen.address,
    port: seen.port,
    serial: toldSerial ? seen.serial : null,
    kind: seen.kind,
    mac: mac(),
    at: deps.now(),
  });
  const same = deps.inventory.get(seen.serial);
  if (same?.pin) {
    const elsewhere = same.pin.address !== seen.address || same.pin.port !== seen.port;
    if (elsewhere) return { ...same, conflict: conflict('serial-elsewhere') };
    // Its serial at its pinned address, but other hardware: an impostor that took the address.
    if (same.pin.mac && mac() && mac() !== same.pin.mac) return { ...same, conflict: conflict('mac-changed') };
    const otherKind = seen.kind !== 'unknown' && same.pin.kind !== 'unknown' && same.pin.kind !== seen.kind;
    if (otherKind) return { ...same, conflict: conflict('identity-changed') };
  }
  if (seen.kind === 'unknown') return null;
  const pinnedHere = deps.inventory
    .listPinned()
    .find(
      (t) =>
        t.pin &&
        t.serial !== seen.serial &&
        t.pin.address === seen.address &&
        t.pin.port === seen.port &&
        !(t.serial.startsWith(PROVISIONAL_PREFIX) && (t.pin.kind === 'unknown' || t.pin.kind === seen.kind)),
    );
  return pinnedHere ? { ...pinnedHere, conflict: conflict('identity-changed') } : null;
}

/**
 * The serial of the terminal of `kind` already known at `address:port` by a real serial, for a device that
 * does not tell its serial (a Sophon terminal, a BAS-IP panel keeping its info behind a login): the row it
 * was added as stays its row, instead of a second, provisional one.
 */
function knownAt(deps: ObserverDeps, address: string, port: number, kind: ProbeKind): string | null {
  const match = deps.inventory
    .list()
    .find(
      (t) => t.address === address && t.port === port && t.kind === kind && !t.serial.startsWith(PROVISIONAL_PREFIX),
    );
  return match?.serial ?? null;
}

/** Saves a terminal and emits `devices:updated` (and `devices:removed` for a replaced provisional row). */
export function saveAndAnnounce(deps: Pick<ObserverDeps, 'inventory' | 'bus'>, terminal: Terminal): Terminal {
  const { terminal: saved, replaced } = deps.inventory.save(terminal);
  if (replaced) deps.bus.emit('devices:removed', { serial: replaced });
  deps.bus.emit('devices:updated', saved);
  return saved;
}

/**
 * Logs in with the stored credentials (terminal's own, else the site default for its kind) and records
 * ok / rejected / missing; for BAS-IP it also reads the people count, which needs a login. Only a terminal
 * trusted at `endpoint` (its pinned identity) is sent credentials; any other keeps `unknown` (a kind whose
 * driver needs no login, `capabilities.loginRequired` false: `not-required`) and is not logged in to. A terminal whose capabilities allow nothing (a BAS-IP panel on API v0:
 * firmware too old) is not logged in to either: its API level is not a credential failure, so a `rejected` or
 * `missing` state becomes `unknown` and any other is kept.
 */
export async function checkCredentials(
  deps: ObserverDeps,
  terminal: Terminal,
  endpoint: Endpoint,
  signal?: AbortSignal,
): Promise<Terminal> {
  const driver = deps.drivers.find((d) => d.kind === terminal.kind);
  if (!driver) return terminal;
  const capabilities = capabilitiesOf(terminal);
  if (!canRemove(capabilities) && !capabilities.listPeople) {
    const neutral = terminal.credentials === 'rejected' || terminal.credentials === 'missing';
    return neutral ? { ...terminal, credentials: 'unknown' } : terminal;
  }
  // The MAC counts only against a pinned one (mayReceiveCredentials): no table read for an unpinned terminal.
  const target = { ...endpoint, mac: terminal.pin?.mac ? macAt(deps, endpoint.address) : null };
  if (!mayReceiveCredentials(terminal, target)) {
    return { ...terminal, credentials: driver.capabilities.loginRequired ? 'unknown' : 'not-required' };
  }
  const credentials = await credentialsForTrusted(deps.secrets, terminal, target).catch(() => undefined);
  if (!credentials) return { ...terminal, credentials: driver.capabilities.loginRequired ? 'missing' : 'not-required' };
  const session = driver.session(endpoint, credentials);
  try {
    await session.verifyCredentials(signal);
    const { count, capacity } = await session.countPeople(signal);
    return {
      ...terminal,
      credentials: 'ok',
      peopleCount: count ?? terminal.peopleCount,
      capacity: capacity ?? terminal.capacity,
    };
  } catch (error) {
    signal?.throwIfAborted();
    const kind = (error as { kind?: string }).kind;
    return { ...terminal, credentials: kind === 'auth' ? 'rejected' : terminal.credentials };
  }
}

function nullable(value: string | null | undefined): string | null {
  const text = sanitizeAdvertisedText(value ?? '');
  return text === '' ? null : text;
}
