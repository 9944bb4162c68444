import {
  IdentificationRecordSchema,
  TerminalPinSchema,
  TerminalSchema,
  TrustConflictSchema,
  type Terminal,
  type TerminalPin,
  type TrustConflict,
} from '../../../shared/domain/terminal.ts';
import type { Database } from '../db/database.ts';

/** The site every terminal belongs to until site visits are introduced. */
export const DEFAULT_SITE_ID = 1;

/** Prefix of the provisional identity of a terminal whose serial number is not known yet. */
export const PROVISIONAL_PREFIX = 'addr:';

/** The provisional identity of a terminal known only by its address (replaced once its serial is learnt). */
export function provisionalSerial(address: string, port: number): string {
  return `${PROVISIONAL_PREFIX}${address}:${port}`;
}

/** Persists the site inventory (sites → terminals). Identity is the serial number, not the address. */
export interface InventoryRepository {
  list(): Terminal[];
  /** The pinned (trusted or in conflict) terminals only: what a sighting is checked against for conflicts. */
  listPinned(): Terminal[];
  get(serial: string): Terminal | undefined;
  /**
   * Stores what was learnt about a terminal. A row with the same serial is updated in place (a terminal
   * that moved keeps its row); a provisional row for the same address is replaced by the real serial.
   * Returns the stored terminal and the serial of a provisional row it replaced, if any.
   *
   * Trust: a `pin` or `conflict` given (null included) is stored as given; left out, the row keeps its own
   * (a replaced provisional row hands its pin on, with the kind and model now known), and a new row is
   * trusted, pinned where it is, only when the technician added it (`source: 'manual'`).
   *
   * Durability: a save that changes no trust (pin, conflict) and replaces no row is a sighting, redone by the
   * next discovery, and commits without waiting for the disk; every other save is durable.
   */
  save(terminal: Terminal): { terminal: Terminal; replaced: string | null };
  /** Removes a terminal; returns whether it existed. */
  forget(serial: string): boolean;
  /**
   * Sets (or, with null or blank text, clears) the technician's location label of a terminal; answers the
   * terminal, or undefined when no terminal has that serial. Discovery never changes a label.
   */
  setLabel(serial: string, label: string | null): Terminal | undefined;
  /** The name of the site (reports). */
  siteName(): string;
}

interface Row {
  serial: string;
  kind: string;
  api_version: string | null;
  name: string;
  model: string | null;
  firmware: string | null;
  address: string;
  port: number;
  online: number;
  last_seen: number | null;
  credentials: string;
  people_count: number | null;
  capacity: number | null;
  source: string;
  adapter: string | null;
  /** JSON of the identification record (migration 10); NULL when none. */
  identification: string | null;
  /** JSON of the pinned identity (migration 11); NULL when untrusted. */
  pin: string | null;
  /** JSON of the identity conflict (migration 11); NULL when none. */
  conflict: string | null;
  /** The technician's location label (migration 15); NULL when none. */
  label: string | null;
}

/** A JSON column read with its schema; undefined when empty or unreadable. */
function jsonOf<T>(
  text: string | null,
  schema: { safeParse(value: unknown): { success: boolean; data?: T } },
): T | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as T) : null;
  } catch {
    return null;
  }
}

/**
 * The pin of a terminal as it is now (trusting pins its current address, port, kind and model, and its MAC
 * when the neighbour table knows it).
 */
export function pinOf(terminal: Terminal, at: number, mac: string | null = null): TerminalPin {
  return { address: terminal.address, port: terminal.port, kind: terminal.kind, model: terminal.model, mac, at };
}

/** The stored identification record, or undefined when none was kept or it cannot be read any more. */
function identificationOf(text: string | null): Terminal['identification'] {
  if (text === null) return undefined;
  try {
    const record = IdentificationRecordSchema.safeParse(JSON.parse(text));
    return record.success ? record.data : undefined;
  } catch {
    return undefined;
  }
}

function fromRow(row: Row): Terminal {
  const identification = identificationOf(row.identification);
  return TerminalSchema.parse({
    serial: row.serial,
    kind: row.kind,
    apiVersion: row.api_version,
    name: row.name,
    ...(row.label ? { label: row.label } : {}),
    model: row.model,
    firmware: row.firmware,
    address: row.address,
    port: row.port,
    online: row.online === 1,
    lastSeen: row.last_seen,
    credentials: row.credentials,
    peopleCount: row.people_count,
    capacity: row.capacity,
    source: row.source,
    adapter: row.adapter,
    ...(identification ? { identification } : {}),
    ...trustOf(
      jsonOf<TerminalPin>(row.pin, TerminalPinSchema),
      jsonOf<TrustConflict>(row.conflict, TrustConflictSchema),
    ),
  });
}

/** The trust fields of a row: a conflict only counts on a pinned (trusted) terminal. */
function trustOf(
  pin: TerminalPin | null,
  conflict: TrustConflict | null,
): Pick<Terminal, 'trust' | 'pin' | 'conflict'> {
  if (!pin) return { trust: 'untrusted', pin: null, conflict: null };
  return conflict ? { trust: 'conflict', pin, conflict } : { trust: 'trusted', pin, conflict: null };
}

/** Creates the SQLite-backed {@link InventoryRepository}. */
export function createInventoryRepository(db: Database, siteId = DEFAULT_SITE_ID): InventoryRepository {
  const selectAll = db.sqlite.prepare('SELECT * FROM terminals WHERE site_id = ? ORDER BY address, port, serial');
  const selectPinned = db.sqlite.prepare(
    'SELECT * FROM terminals WHERE site_id = ? AND pin IS NOT NULL ORDER BY address, port, serial',
  );
  const selectOne = db.sqlite.prepare('SELECT * FROM terminals WHERE site_id = ? AND serial = ?');
  const remove = db.sqlite.prepare('DELETE FROM terminals WHERE site_id = ? AND serial = ?');
  const upsert = db.sqlite.prepare(`
    INSERT INTO terminals (site_id, serial, kind, api_version, name, model, firmware, address, port, online,
      last_seen, credentials, people_count, capacity, source, adapter, identification, pin, conflict, label)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (site_id, serial) DO UPDATE SET kind = excluded.kind, api_version = excluded.api_version,
      name = excluded.name, model = excluded.model, firmware = excluded.firmware, address = excluded.address,
      port = excluded.port, online = excluded.online, last_seen = excluded.last_seen,
      credentials = excluded.credentials, people_count = excluded.people_count, capacity = excluded.capacity,
      source = excluded.source, adapter = excluded.adapter, identification = excluded.identification,
      pin = excluded.pin, conflict = excluded.conflict`);
  const updateLabel = db.sqlite.prepare('UPDATE terminals SET label = ? WHERE site_id = ? AND serial = ?');

  const get = (serial: string): Terminal | undefined => {
    const row = selectOne.get(siteId, serial) as Row | undefined;
    return row ? fromRow(row) : undefined;
  };

  return {
    list: () => (selectAll.all(siteId) as unknown as Row[]).map(fromRow),
    listPinned: () => (selectPinned.all(siteId) as unknown as Row[]).map(fromRow),
    get,
    save(input) {
      const parsed = TerminalSchema.parse(input);
      const provisional = provisionalSerial(parsed.address, parsed.port);
      const provisionalRow = parsed.serial !== provisional ? get(provisional) : undefined;
      const replaced = provisionalRow ? provisional : null;
      const existing = get(parsed.serial);
      const handedOn = provisionalRow?.pin ? { ...provisionalRow.pin, kind: parsed.kind, model: parsed.model } : null;
      const pin =
        parsed.pin !== undefined
          ? parsed.pin
          : existing
            ? (existing.pin ?? null)
            : (handedOn ?? (parsed.source === 'manual' ? pinOf(parsed, parsed.lastSeen ?? 0) : null));
      const conflict = pin ? (parsed.conflict !== undefined ? parsed.conflict : (existing?.conflict ?? null)) : null;
      // The label is the technician's, never a sighting's: kept from the row (or a replaced provisional row).
      const label = existing ? (existing.label ?? null) : (provisionalRow?.label ?? null);
      const { label: _sighted, ...sighting } = parsed;
      const terminal: Terminal = { ...sighting, ...(label ? { label } : {}), ...trustOf(pin, conflict) };
      // A sighting (address, status, what the device told) is redone by the next discovery: its commit does not
      // wait for the disk. A change of trust (pin, conflict) or a replaced row is always durable.
      const trustChanged =
        replaced !== null ||
        JSON.stringify(pin) !== JSON.stringify(existing?.pin ?? null) ||
        JSON.stringify(conflict) !== JSON.stringify(existing?.conflict ?? null);
      db.transaction(
        () => {
          if (replaced) remove.run(siteId, replaced);
          upsert.run(
            siteId,
            terminal.serial,
            terminal.kind,
            terminal.apiVersion,
            terminal.name,
            terminal.model,
            terminal.firmware,
            terminal.address,
            terminal.port,
            terminal.online ? 1 : 0,
            terminal.lastSeen,
            terminal.credentials,
            terminal.peopleCount,
            terminal.capacity,
            terminal.source,
            terminal.adapter,
            terminal.identification ? JSON.stringify(terminal.identification) : null,
            pin ? JSON.stringify(pin) : null,
            conflict ? JSON.stringify(conflict) : null,
            label,
          );
        },
        { durable: trustChanged },
      );
      return { terminal, replaced };
    },
    forget: (serial) => Number(remove.run(siteId, serial).changes) > 0,
    setLabel(serial, label) {
      const text = label?.trim() ?? '';
      if (Number(updateLabel.run(text === '' ? null : text, siteId, serial).changes) === 0) return undefined;
      return get(serial);
    },
    siteName: () =>
      (db.sqlite.prepare('SELECT name FROM sites WHERE id = ?').get(siteId) as { name: string } | undefined)?.name ??
      'Site',
  };
}
