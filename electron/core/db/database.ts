import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { isStorageFault, storageError } from './storage-errors.ts';

/** The local database: one SQLite file in WAL mode, migrated on open. */
export interface Database {
  readonly sqlite: DatabaseSync;
  readonly path: string;
  /** The schema version after migrations. */
  readonly schemaVersion: number;
  /**
   * Runs `work` in one transaction: everything or nothing is written. A storage fault (disk full, database
   * locked, corrupt file) rolls back and is thrown as a STORAGE AppError that says what to do.
   * With `durable: false` the commit does not wait for the disk (see {@link TransactionOptions}).
   */
  transaction<T>(work: () => T, options?: TransactionOptions): T;
  close(): void;
}

/** Options of {@link Database.transaction}. */
export interface TransactionOptions {
  /**
   * Default true: the commit is on the disk before it returns (`synchronous = FULL`). False commits under
   * `synchronous = NORMAL` (WAL: the file stays consistent, but a power cut, not a crash, may lose this commit
   * until the next durable commit or checkpoint syncs it), for writes that guard nothing against a second send
   * and are cheap to redo, such as an inventory sighting; an fsync blocks the app's only thread for 1 to 7 ms.
   */
  durable?: boolean;
}

/** The page cache of a connection, in KiB. */
const CACHE_KIB = 16 * 1024;

/** Tuning of {@link openDatabase}. */
export interface OpenOptions {
  /** How long a write waits for another connection's lock before failing as `locked` (default 5 s). */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the database at `path`, switches it to WAL, and applies pending migrations.
 * Any SQLite failure becomes a STORAGE error that says which file is affected and what to do.
 */
export function openDatabase(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
  options: OpenOptions = {},
): Database {
  let opened: DatabaseSync | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    opened = new DatabaseSync(path);
    const sqlite = opened;
    // FULL: every commit is on the disk before it returns. The database holds the records that guard against
    // a second send (removal batches, Tuya push issues, the sync queue): under NORMAL a power cut (not a crash)
    // can lose the last commits, and the app would send again. Cost measured in db/README.md.
    sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    // 16 MB of page cache (SQLite's default is 2 MB): a large removal job's indexes are read and written at 50
    // places at once; at 10,000 x 50 this saved ~2 s of the app's CPU for +8 MB of peak memory (BENCHMARKS.md).
    sqlite.exec(`PRAGMA cache_size = -${CACHE_KIB}`);
    sqlite.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))};`);
  } catch (error) {
    // A file opened but not usable (a full disk cannot take its -wal/-shm) is closed: no handle is left behind.
    if (opened?.isOpen) opened.close();
    throw storageError(path, error);
  }
  const sqlite: DatabaseSync = opened;

  const transaction = <T>(work: () => T, options: TransactionOptions = {}): T => {
    const relaxed = options.durable === false && !sqlite.isTransaction;
    try {
      if (relaxed) sqlite.exec('PRAGMA synchronous = NORMAL');
      sqlite.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if (relaxed) restoreFull();
      throw storageError(path, error);
    }
    try {
      const value = work();
      sqlite.exec('COMMIT');
      return value;
    } catch (error) {
      // SQLite may already have rolled back (a full disk, some I/O errors): roll back only what is still open.
      if (sqlite.isTransaction) sqlite.exec('ROLLBACK');
      throw isStorageFault(error) ? storageError(path, error) : error;
    } finally {
      if (relaxed) restoreFull();
    }
  };
  // Every other commit stays durable, whatever a relaxed one did.
  function restoreFull(): void {
    try {
      sqlite.exec('PRAGMA synchronous = FULL');
    } catch {
      // The connection is unusable; the next statement reports why.
    }
  }

  let schemaVersion: number;
  try {
    schemaVersion = migrate(sqlite, migrations, transaction);
  } catch (error) {
    sqlite.close();
    throw storageError(path, error);
  }

  return {
    sqlite,
    path,
    schemaVersion,
    transaction,
    close: () => sqlite.close(),
  };
}

/**
 * Applies, in version order, every step not recorded in `schema_migrations` yet. Steps are matched by
 * version, not by "greater than the highest applied", so a step numbered below one already applied (work
 * landing in parallel branches) is still applied once. Answers the highest version applied.
 */
function migrate(sqlite: DatabaseSync, migrations: readonly Migration[], transaction: <T>(work: () => T) => T): number {
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT',
  );
  const rows = sqlite.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
  const applied = new Set(rows.map((r) => r.version));
  for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(step.version)) continue;
    transaction(() => {
      sqlite.exec(step.sql);
      sqlite
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(step.version, step.name, Date.now());
    });
    applied.add(step.version);
  }
  return Math.max(0, ...applied);
}
