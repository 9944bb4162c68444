import type { Migration } from './migration.ts';

/** Migration 4: cloud jobs: permission pushes (channels, issues, tasks, records) and Alibaba removals. */
export const MIGRATION_4: Migration = {
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
};
