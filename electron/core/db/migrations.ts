/** One schema step; applied in order, each inside a transaction, and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The schema of the local database, oldest first. Never edit a released step: add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings and outbox',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        target TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'needs_attention', 'discarded')),
        reason TEXT,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_state ON outbox (state);
    `,
  },
  {
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
  },
];
