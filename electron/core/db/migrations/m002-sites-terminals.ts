import type { Migration } from './migration.ts';

/** Migration 2: sites and terminals. */
export const MIGRATION_2: Migration = {
  version: 2,
  name: 'sites and terminals',
  sql: `
    CREATE TABLE sites (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL
    ) STRICT;
    INSERT INTO sites (id, name, created_at) VALUES (1, 'Default site', 0);
    CREATE TABLE terminals (
      site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      serial TEXT NOT NULL,
      kind TEXT NOT NULL,
      api_version TEXT,
      name TEXT NOT NULL,
      model TEXT,
      firmware TEXT,
      address TEXT NOT NULL,
      port INTEGER NOT NULL,
      online INTEGER NOT NULL,
      last_seen INTEGER,
      credentials TEXT NOT NULL,
      people_count INTEGER,
      capacity INTEGER,
      source TEXT NOT NULL,
      adapter TEXT,
      PRIMARY KEY (site_id, serial)
    ) STRICT;
    CREATE INDEX terminals_address ON terminals (site_id, address, port);
  `,
};
