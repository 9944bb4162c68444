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
  {
    version: 3,
    name: 'removal journal: jobs, items, batches',
    // The write-ahead journal of bulk removal (electron/core/removal/README.md). An item exists once per
    // job, terminal and id; a batch is one request, recorded as 'sending' before it goes out.
    sql: `
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('planned', 'running', 'paused', 'done', 'failed', 'cancelled')),
        options TEXT NOT NULL,
        label TEXT,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX jobs_state ON jobs (state);
      CREATE TABLE job_batches (
        id INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        terminal TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'acknowledged', 'failed', 'unknown', 'reconciled')),
        ids TEXT NOT NULL,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX job_batches_open ON job_batches (job_id, terminal, state);
      CREATE TABLE job_items (
        id INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        terminal TEXT NOT NULL,
        terminal_kind TEXT NOT NULL,
        line INTEGER,
        name TEXT,
        person_key TEXT NOT NULL,
        id_kind TEXT NOT NULL,
        native_id TEXT NOT NULL,
        face_id TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'final')),
        outcome TEXT CHECK (outcome IN ('removed', 'already-absent', 'failed', 'queued', 'cancelled')),
        raw_code TEXT,
        reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        batch_id INTEGER REFERENCES job_batches (id),
        verified INTEGER,
        retryable INTEGER NOT NULL DEFAULT 1,
        updated_at INTEGER NOT NULL,
        UNIQUE (job_id, terminal, id_kind, native_id, face_id)
      ) STRICT;
      CREATE INDEX job_items_work ON job_items (job_id, terminal, state, seq);
      CREATE INDEX job_items_outcome ON job_items (job_id, outcome);
      CREATE INDEX job_items_batch ON job_items (batch_id);
    `,
  },
];
