import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAliyunJournal } from '../cloud/jobs/aliyun-journal.ts';
import { createJobTable } from '../jobs/job-table.ts';
import { createPushJournal } from '../cloud/jobs/push-journal.ts';
import { openDatabase, type Database } from './database.ts';
import { MIGRATIONS } from './migrations.ts';

/**
 * Migration 6 (queued_at / synced_at of the cloud operations) on a database written by version 5 with rows in
 * every state: the backfill, then the journals stamping the times from then on.
 */
const JOB_CREATED = 1_000;
const QUEUED_MARKED = 5_000; // the last time a pass re-marked the rows queued: later than the truth
const DONE_AT = 7_000;

/** Version-5 rows: a push job and an Alibaba job, each with a queued, a done, a pending and a failed row. */
function seedVersion5(db: Database): void {
  const sql = db.sqlite;
  const job = sql.prepare(`INSERT INTO jobs (id, kind, state, options, label, created_at, updated_at)
    VALUES (?, ?, 'running', '{}', NULL, ?, ?)`);
  job.run('push-1', 'permission-push', JOB_CREATED, JOB_CREATED);
  job.run('ali-1', 'aliyun-removal', JOB_CREATED + 10, JOB_CREATED + 10);
  const channel = sql.prepare(`INSERT INTO push_channels (job_id, seq, channel_id, state, outcome, updated_at)
    VALUES ('push-1', ?, ?, ?, ?, ?)`);
  channel.run(0, 'ch-queued', 'pending', 'queued', QUEUED_MARKED);
  channel.run(1, 'ch-done', 'final', 'done', DONE_AT);
  channel.run(2, 'ch-pending', 'pending', null, JOB_CREATED);
  channel.run(3, 'ch-failed', 'final', 'failed', DONE_AT);
  const item = sql.prepare(`INSERT INTO aliyun_items (job_id, seq, scope_id, user_id, state, outcome, updated_at)
    VALUES ('ali-1', ?, 'dev-a', ?, ?, ?, ?)`);
  item.run(0, 'u-queued', 'pending', 'queued', QUEUED_MARKED);
  item.run(1, 'u-removed', 'final', 'removed', DONE_AT);
  item.run(2, 'u-absent', 'final', 'already-absent', DONE_AT + 1);
  item.run(3, 'u-pending', 'pending', null, JOB_CREATED);
}

type Times = Record<string, { queued: number | null; synced: number | null }>;

function times(db: Database, table: 'push_channels' | 'aliyun_items'): Times {
  const key = table === 'push_channels' ? 'channel_id' : 'user_id';
  const rows = db.sqlite
    .prepare(`SELECT ${key} AS k, queued_at AS queued, synced_at AS synced FROM ${table} ORDER BY seq`)
    .all() as { k: string; queued: number | null; synced: number | null }[];
  return Object.fromEntries(rows.map((r) => [r.k, { queued: r.queued, synced: r.synced }]));
}

describe('migration 6: queued and synced times of cloud operations', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const upgraded = (): Database => {
    const dir = mkdtempSync(join(tmpdir(), 'fcom-m6-'));
    dirs.push(dir);
    const path = join(dir, 'fcom.sqlite');
    const v5 = openDatabase(
      path,
      MIGRATIONS.filter((m) => m.version <= 5),
    );
    expect(v5.schemaVersion).toBe(5);
    seedVersion5(v5);
    v5.close();
    const db = openDatabase(path);
    expect(db.schemaVersion).toBeGreaterThanOrEqual(6);
    return db;
  };

  it('backfills: queued rows get their job creation time, done rows their last change as synced', () => {
    const db = upgraded();
    expect(times(db, 'push_channels')).toEqual({
      'ch-queued': { queued: JOB_CREATED, synced: null },
      'ch-done': { queued: null, synced: DONE_AT },
      'ch-pending': { queued: null, synced: null },
      'ch-failed': { queued: null, synced: null },
    });
    expect(times(db, 'aliyun_items')).toEqual({
      'u-queued': { queued: JOB_CREATED + 10, synced: null },
      'u-removed': { queued: null, synced: DONE_AT },
      'u-absent': { queued: null, synced: DONE_AT + 1 },
      'u-pending': { queued: null, synced: null },
    });
    db.close();
  });

  it('after the upgrade, the journals stamp queued once and synced when the outcome is acknowledged', () => {
    const db = upgraded();
    let clock = 20_000;
    const now = () => clock;
    const rows = createJobTable(db, now);
    const push = createPushJournal(db, rows, now);
    const aliyun = createAliyunJournal(db, rows, now);

    // The pending rows become queued at 20 000; the one already queued keeps its backfilled time.
    push.setQueued('push-1', true);
    aliyun.setQueued('ali-1', true);
    clock = 30_000;
    push.setQueued('push-1', false);
    push.setQueued('push-1', true);
    aliyun.setQueued('ali-1', true);
    expect(times(db, 'push_channels')['ch-pending']).toEqual({ queued: 20_000, synced: null });
    expect(times(db, 'push_channels')['ch-queued']).toEqual({ queued: JOB_CREATED, synced: null });
    expect(times(db, 'aliyun_items')['u-pending']).toEqual({ queued: 20_000, synced: null });

    // Acknowledged outcomes stamp synced_at in the same statement; a failure does not.
    clock = 40_000;
    const pending = push.channels('push-1').find((c) => c.channelId === 'ch-pending');
    if (!pending) throw new Error('channel expected');
    push.finish(pending, 'done', null, null);
    const batch = aliyun.claimBatch('ali-1', 'dev-a', 10);
    if (!batch) throw new Error('batch expected');
    clock = 41_000;
    aliyun.acknowledge(
      batch.id,
      batch.items.map((i) => ({
        itemId: i.id,
        outcome: i.userId === 'u-queued' ? ('failed' as const) : ('removed' as const),
        rawCode: null,
        reason: null,
      })),
    );
    expect(times(db, 'push_channels')['ch-pending']).toEqual({ queued: 20_000, synced: 40_000 });
    expect(times(db, 'aliyun_items')['u-pending']).toEqual({ queued: 20_000, synced: 41_000 });
    expect(times(db, 'aliyun_items')['u-queued']).toEqual({ queued: JOB_CREATED + 10, synced: null });
    db.close();
  });
});
