import type { DiscoverySource, Terminal, TerminalKind } from '../../../shared/domain/terminal.ts';
import type { Endpoint, TerminalDriver } from '../drivers/driver.ts';
import type { EventBus } from '../events/event-bus.ts';
import { provisionalSerial, type InventoryRepository } from '../inventory/inventory-repository.ts';
import { credentialsFor, type SecretStore } from '../secrets/secret-store.ts';
import { sanitizeAdvertisedText } from './advertisement.ts';
import { identifyEndpoint } from './identify.ts';

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

/**
 * Turns a sighting into an inventory row: probes the endpoint (read-only, no credentials), keys the row by
 * serial (probe, else TXT, else a provisional address key), checks the stored credentials, saves, and tells
 * the UI. Returns null when nothing answers at the endpoint.
 */
export async function observeTerminal(
  deps: ObserverDeps,
  sighting: Sighting,
  signal?: AbortSignal,
): Promise<Terminal | null> {
  const identification = await identifyEndpoint(deps.drivers, sighting.endpoint, {
    hint: sighting.hint,
    timeoutMs: deps.timeoutMs,
    signal,
  });
  if (identification.found === 'nothing') return null;
  const probe = identification.found === 'terminal' ? identification.probe : null;
  const { address, port } = sighting.endpoint;
  const serial = sanitizeAdvertisedText(probe?.serial ?? sighting.serial ?? '') || provisionalSerial(address, port);
  const existing = deps.inventory.get(serial);
  const kind: TerminalKind = probe?.kind ?? 'unknown';
  const terminal: Terminal = {
    serial,
    kind,
    apiVersion: probe?.apiVersion ?? null,
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
  };
  const checked = kind === 'unknown' ? terminal : await checkCredentials(deps, terminal, sighting.endpoint, signal);
  return saveAndAnnounce(deps, checked);
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
