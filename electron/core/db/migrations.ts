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
  {
    version: 4,
    name: 'cloud jobs: permission pushes (channels, issues, tasks, records) and Alibaba removals',
    // The cloud jobs (electron/core/cloud/jobs/README.md). Their job rows are in 'jobs' (kinds 'permission-push'
    // and 'aliyun-removal'), so one id names a job whatever its kind; their items have tables of their own:
    // a channel's push ends 'done', which job_items' outcome check does not allow, and job_items belongs to
    // the removal engine and its sync queue. An issue call is recorded 'sending' BEFORE it goes out; a lost
    // answer is settled by re-reading the cloud's task list, never by issuing blindly again. Touches no table
    // of another step, so it may be applied before or after them.
    sql: `
      CREATE TABLE push_channels (
        id INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        channel_id TEXT NOT NULL,
        channel_name TEXT,
        device_name TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'issuing', 'following', 'final')),
        outcome TEXT CHECK (outcome IN ('done', 'failed', 'queued', 'cancelled')),
        raw_code TEXT,
        reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        retryable INTEGER NOT NULL DEFAULT 1,
        updated_at INTEGER NOT NULL,
        UNIQUE (job_id, channel_id)
      ) STRICT;
      CREATE INDEX push_channels_work ON push_channels (job_id, state, seq);
      CREATE TABLE push_issues (
        id INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        channel_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        certificate TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'acknowledged', 'unknown', 'refused', 'found', 'not-found')),
        task_ids TEXT,
        error TEXT,
        sent_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX push_issues_open ON push_issues (job_id, channel_id, state);
      CREATE TABLE push_tasks (
        task_id TEXT PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        channel_id TEXT NOT NULL,
        issue_id INTEGER NOT NULL REFERENCES push_issues (id),
        found_by TEXT NOT NULL CHECK (found_by IN ('answer', 'recheck')),
        state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'succeeded', 'partly-failed', 'failed', 'stopped')),
        total INTEGER NOT NULL DEFAULT 0,
        succeeded INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        other INTEGER NOT NULL DEFAULT 0,
        credentials TEXT,
        started_at INTEGER,
        finished_at INTEGER,
        records_stored INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX push_tasks_job ON push_tasks (job_id, channel_id);
      CREATE TABLE push_records (
        task_id TEXT NOT NULL REFERENCES push_tasks (task_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        record_id TEXT NOT NULL,
        person_id TEXT,
        name TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'unknown', 'stopped', 'failed', 'succeeded')),
        breakdown TEXT,
        PRIMARY KEY (task_id, record_id)
      ) STRICT;
      CREATE INDEX push_records_state ON push_records (task_id, state, seq);
      CREATE TABLE aliyun_batches (
        id INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        scope_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'acknowledged', 'failed', 'unknown')),
        user_ids TEXT NOT NULL,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX aliyun_batches_open ON aliyun_batches (job_id, scope_id, state);
      CREATE TABLE aliyun_items (
        id INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        scope_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'final')),
        outcome TEXT CHECK (outcome IN ('removed', 'already-absent', 'failed', 'queued', 'cancelled')),
        raw_code TEXT,
        reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        batch_id INTEGER REFERENCES aliyun_batches (id),
        retryable INTEGER NOT NULL DEFAULT 1,
        updated_at INTEGER NOT NULL,
        UNIQUE (job_id, scope_id, user_id)
      ) STRICT;
      CREATE INDEX aliyun_items_work ON aliyun_items (job_id, scope_id, state, seq);
      CREATE INDEX aliyun_items_batch ON aliyun_items (batch_id);
    `,
  },
  {
    version: 5,
    name: 'sync queue: queued/synced times, action history, drift',
    // The sync queue (electron/core/sync/README.md) is a view over the jobs' own journals, so the unused
    // 'outbox' table of migration 1 is replaced: its rows never existed. Job items learn when they were first
    // queued and when they reached their target (set by triggers, in the same statement as the change);
    // sync_actions keeps every retry, discard and supersede with who and when; sync_drift what a target's
    // fresh read showed had changed since an operation was queued. (Version 4 belongs to the cloud jobs;
    // the runner applies any version not applied yet, so either may land first.)
    sql: `
      DROP TABLE IF EXISTS outbox;
      ALTER TABLE job_items ADD COLUMN queued_at INTEGER;
      ALTER TABLE job_items ADD COLUMN synced_at INTEGER;
      UPDATE job_items SET queued_at = updated_at WHERE outcome = 'queued';
      UPDATE job_items SET synced_at = updated_at WHERE state = 'final' AND outcome IN ('removed', 'already-absent');
      CREATE INDEX job_items_sync ON job_items (state, outcome, job_id, terminal);
      CREATE TRIGGER job_items_queued_at AFTER UPDATE OF outcome ON job_items
        WHEN NEW.outcome = 'queued' AND NEW.queued_at IS NULL
        BEGIN UPDATE job_items SET queued_at = NEW.updated_at WHERE id = NEW.id; END;
      CREATE TRIGGER job_items_synced_at AFTER UPDATE OF state ON job_items
        WHEN NEW.state = 'final' AND OLD.state != 'final' AND NEW.outcome IN ('removed', 'already-absent')
        BEGIN UPDATE job_items SET synced_at = NEW.updated_at WHERE id = NEW.id; END;
      CREATE TABLE sync_actions (
        id INTEGER PRIMARY KEY,
        op_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('retry', 'discard', 'supersede')),
        actor TEXT NOT NULL,
        note TEXT,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sync_actions_op ON sync_actions (op_id, action);
      CREATE TABLE sync_drift (
        id INTEGER PRIMARY KEY,
        op_id TEXT NOT NULL,
        target TEXT NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL,
        queued_at INTEGER,
        detected_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sync_drift_op ON sync_drift (op_id);
    `,
  },
  {
    version: 6,
    name: 'cloud sync queue: queued/synced times of push channels and Alibaba items',
    // What migration 5 gave job_items, for the cloud operations (push_channels, aliyun_items): queued_at is
    // set by the journals' setQueued the first time the cloud does not answer and never overwritten
    // (COALESCE), synced_at by a trigger when the row reaches a done outcome, in the same statement.
    // Backfill: a row queued now gets its job's created_at (it has waited since its job was journaled: the
    // usual case is a cloud offline from the start; the row's updated_at would be the LAST time a pass
    // re-marked it, later than the truth); rows not queued now get NULL (whether they ever waited is
    // unknown); done rows get synced_at = updated_at (a final row is not changed again, so it is the time of
    // the acknowledged outcome).
    sql: `
      ALTER TABLE push_channels ADD COLUMN queued_at INTEGER;
      ALTER TABLE push_channels ADD COLUMN synced_at INTEGER;
      ALTER TABLE aliyun_items ADD COLUMN queued_at INTEGER;
      ALTER TABLE aliyun_items ADD COLUMN synced_at INTEGER;
      UPDATE push_channels SET queued_at = (SELECT j.created_at FROM jobs j WHERE j.id = push_channels.job_id)
        WHERE state != 'final' AND outcome = 'queued';
      UPDATE aliyun_items SET queued_at = (SELECT j.created_at FROM jobs j WHERE j.id = aliyun_items.job_id)
        WHERE state != 'final' AND outcome = 'queued';
      UPDATE push_channels SET synced_at = updated_at WHERE state = 'final' AND outcome = 'done';
      UPDATE aliyun_items SET synced_at = updated_at WHERE state = 'final' AND outcome IN ('removed', 'already-absent');
      CREATE TRIGGER push_channels_synced_at AFTER UPDATE OF state ON push_channels
        WHEN NEW.state = 'final' AND OLD.state != 'final' AND NEW.outcome = 'done'
        BEGIN UPDATE push_channels SET synced_at = NEW.updated_at WHERE id = NEW.id; END;
      CREATE TRIGGER aliyun_items_synced_at AFTER UPDATE OF state ON aliyun_items
        WHEN NEW.state = 'final' AND OLD.state != 'final' AND NEW.outcome IN ('removed', 'already-absent')
        BEGIN UPDATE aliyun_items SET synced_at = NEW.updated_at WHERE id = NEW.id; END;
    `,
  },
  {
    version: 7,
    name: 'job items: indexes for pages in plan order and counts of large jobs',
    // Measured on a 500,000-item job (bench `ui`): a page of items sorted the whole job (ORDER BY seq had no
    // index: 0.1-0.6 s a page), and the counts per terminal and outcome read every row (0.25 s, twice per
    // jobs:show, and every 250 ms while a job runs). job_items_page serves pages in plan order,
    // job_items_filter pages of one outcome (its (job_id, outcome) prefix replaces job_items_outcome), and
    // job_items_counts answers the counts and the verified sums from the index alone.
    sql: `
      CREATE INDEX job_items_page ON job_items (job_id, seq);
      CREATE INDEX job_items_filter ON job_items (job_id, outcome, state, seq);
      CREATE INDEX job_items_counts ON job_items (job_id, terminal, state, outcome, verified);
      DROP INDEX job_items_outcome;
    `,
  },
  {
    version: 8,
    name: 'job items: fewer index entries per state change (partial indexes)',
    // Measured on the removal bench (100,000 items): claiming a batch and recording its answer took most of
    // the app's thread, because each item's change rewrote entries of five indexes holding `state`. Now an
    // item is in the claim index only while unfinished (job_items_open), in the batch index only while its
    // request is out (job_items_sending, with its outcome: a queued mark on an item in flight is found
    // from the index alone), in the final-outcome page index only once final (job_items_done);
    // job_items_sync goes (the sync queue counts from job_items_counts), and job_items_counts drops `state`:
    // an item is final exactly when its outcome is one of the final outcomes, so a claim (pending -> sending)
    // touches no count entry. The synced_at trigger skips rows whose statement already set synced_at (the
    // journal's answers do, so an answer writes each row once, not twice). Queries name the partial
    // indexes' conditions literally (`state != 'final' AND state = 'pending'`) so SQLite can use them.
    sql: `
      DROP INDEX job_items_work;
      DROP INDEX job_items_batch;
      DROP INDEX job_items_sync;
      DROP INDEX job_items_filter;
      DROP INDEX job_items_counts;
      CREATE INDEX job_items_open ON job_items (job_id, terminal, state, seq) WHERE state != 'final';
      CREATE INDEX job_items_sending ON job_items (batch_id, outcome) WHERE state = 'sending';
      CREATE INDEX job_items_done ON job_items (job_id, outcome, seq) WHERE state = 'final';
      CREATE INDEX job_items_counts ON job_items (job_id, terminal, outcome, verified);
      DROP TRIGGER job_items_synced_at;
      CREATE TRIGGER job_items_synced_at AFTER UPDATE OF state ON job_items
        WHEN NEW.state = 'final' AND OLD.state != 'final' AND NEW.outcome IN ('removed', 'already-absent')
          AND NEW.synced_at IS NOT NEW.updated_at
        BEGIN UPDATE job_items SET synced_at = NEW.updated_at WHERE id = NEW.id; END;
    `,
  },
];
