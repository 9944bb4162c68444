import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../../shared/errors.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

/** The local database: one SQLite file in WAL mode, migrated on open. */
export interface Database {
  readonly sqlite: DatabaseSync;
  readonly path: string;
  /** The schema version after migrations. */
  readonly schemaVersion: number;
  /** Runs `work` in one transaction: everything or nothing is written. */
  transaction<T>(work: () => T): T;
  close(): void;
}

/**
 * Opens (creating if needed) the database at `path`, switches it to WAL, and applies pending migrations.
 * Any SQLite failure becomes a STORAGE error that says which file is affected.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Database {
  let sqlite: DatabaseSync;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new DatabaseSync(path);
    sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
    sqlite.exec('PRAGMA busy_timeout = 5000;');
  } catch (error) {
    throw storageError(path, error);
  }

  const transaction = <T>(work: () => T): T => {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const value = work();
      sqlite.exec('COMMIT');
      return value;
    } catch (error) {
      sqlite.exec('ROLLBACK');
      throw error;
    }
  };

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

function migrate(sqlite: DatabaseSync, migrations: readonly Migration[], transaction: <T>(work: () => T) => T): number {
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT',
  );
  const row = sqlite.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as
    { version: number | null } | undefined;
  let current = row?.version ?? 0;
  for (const step of migrations) {
    if (step.version <= current) continue;
    transaction(() => {
      sqlite.exec(step.sql);
      sqlite
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(step.version, step.name, Date.now());
    });
    current = step.version;
  }
  return current;
}

function storageError(path: string, cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError('STORAGE', `The local database at ${path} cannot be used: ${reason}`, { path, reason });
}
