import type { Migration } from './migration.ts';

/**
 * Migration 13: job leases (issue 21). A job runs in one process at a time: the process that runs it holds a
 * row here (`owner`: a random id per process; `target`, `pid`, `host` say who it is for the message another
 * process shows) and renews `heartbeat_at` while it runs. A lease not renewed for the stale time (a crash, a
 * power cut) is taken over; so is, at once, one whose holder runs on this machine (`machine`: host name and PID
 * namespace) and is no longer alive (a kill -9). No foreign key: a lease outlives nothing, it is deleted when its run ends.
 */
export const MIGRATION_13: Migration = {
  version: 13,
  name: 'job leases: one process runs a job',
  sql: `
    CREATE TABLE job_leases (
      job_id TEXT PRIMARY KEY,
      owner TEXT NOT NULL,
      target TEXT NOT NULL,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      machine TEXT NOT NULL,
      acquired_at INTEGER NOT NULL,
      heartbeat_at INTEGER NOT NULL
    ) STRICT;
  `,
};
