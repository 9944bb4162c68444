import type {
  DiscoverySource,
  IdentificationRecord,
  ProbeKind,
  Terminal,
  TerminalKind,
} from '../../../shared/domain/terminal.ts';
import type { Endpoint, ProbeResult, TerminalDriver } from '../drivers/driver.ts';
import type { EventBus } from '../events/event-bus.ts';
import { PROVISIONAL_PREFIX, provisionalSerial, type InventoryRepository } from '../inventory/inventory-repository.ts';
import {
  credentialsFor,
  terminalCredentialsKey,
  writeCredentials,
  type Credentials,
  type SecretStore,
} from '../secrets/secret-store.ts';
import { sanitizeAdvertisedText } from './advertisement.ts';
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
 */
export async function recordSighting(
  deps: ObserverDeps,
  sighting: Sighting,
  probe: Identified,
  extra: { recorder?: ProbeRecorder; chosenKind?: ProbeKind; credentials?: Credentials },
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
  if (kind === 'unknown') return saveAndAnnounce(deps, terminal);
  if (extra.credentials) await writeCredentials(deps.secrets, terminalCredentialsKey(serial), extra.credentials);
  return saveAndAnnounce(deps, await checkCredentials(deps, terminal, sighting.endpoint, signal));
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
 * ok / rejected / missing; for BAS-IP it also reads the people count, which needs a login.
 */
export async function checkCredentials(
  deps: ObserverDeps,
  terminal: Terminal,
  endpoint: Endpoint,
  signal?: AbortSignal,
): Promise<Terminal> {
  const driver = deps.drivers.find((d) => d.kind === terminal.kind);
  if (!driver) return terminal;
  const credentials = await credentialsFor(deps.secrets, terminal.serial, terminal.kind).catch(() => undefined);
  if (!credentials) return { ...terminal, credentials: terminal.kind === 'sophon' ? 'not-required' : 'missing' };
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
