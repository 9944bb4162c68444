import type { Database } from '../../db/database.ts';
import type { SyncSource } from '../../jobs/sync-port.ts';
import { createCloudSyncSource, stateCase, type CloudJobSteering, type CloudTableSpec } from './cloud-sync-source.ts';

/** Source name of Tuya permission pushes in the sync queue (`push:<channel row id>`). */
export const PUSH_SOURCE = 'push';

/** Source name of Alibaba removals in the sync queue (`aliyun:<item row id>`). */
export const ALIYUN_SOURCE = 'aliyun';

const PUSH_SPEC: CloudTableSpec = {
  name: PUSH_SOURCE,
  table: 'push_channels',
  cloud: 'tuya',
  cloudName: 'Tuya cloud',
  kind: 'permission-push',
  subject: 'i.channel_id',
  subjectName: 'COALESCE(i.channel_name, i.device_name)',
  channel: 'COALESCE(i.channel_name, i.channel_id)',
  channelId: 'i.channel_id',
  doneOutcomes: ['done'],
};

const ALIYUN_SPEC: CloudTableSpec = {
  name: ALIYUN_SOURCE,
  table: 'aliyun_items',
  cloud: 'aliyun',
  cloudName: 'Alibaba Cloud',
  kind: 'aliyun-remove',
  subject: 'i.user_id',
  subjectName: 'NULL',
  channel: 'i.scope_id',
  channelId: 'i.scope_id',
  evidence: 'i.evidence',
  doneOutcomes: ['removed', 'already-absent'],
};

/** Prefix of the supersede key of a full push to one channel: `tuya:full:<channel id>`. */
export const FULL_PUSH_KEY = 'tuya:full:';

/**
 * Tuya permission pushes as a sync source: one operation per channel of a push job, states from
 * `push_channels`, resume through the cloud job service. Supersedable: queued channels (no issue call out) of
 * earlier pushes to the channel named by a `tuya:full:<channel id>` key.
 */
export function createPushSyncSource(db: Database, jobs: CloudJobSteering, reachable: () => boolean): SyncSource {
  const state = stateCase(PUSH_SPEC);
  const query = db.sqlite.prepare(
    `SELECT i.id FROM push_channels i JOIN jobs j ON j.id = i.job_id WHERE i.channel_id = ? AND j.created_at <= ?
    AND i.state = 'pending' AND (${state}) = 'queued' ORDER BY i.id`,
  );
  return createCloudSyncSource(db, jobs, PUSH_SPEC, reachable, {
    supersedable(key, before) {
      if (!key.startsWith(FULL_PUSH_KEY)) return [];
      const rows = query.all(key.slice(FULL_PUSH_KEY.length), before) as { id: number }[];
      return rows.map((r) => String(r.id));
    },
  });
}

/** Alibaba removals as a sync source: one operation per (user, scope) item; "not found" (3000) is done. */
export function createAliyunSyncSource(db: Database, jobs: CloudJobSteering, reachable: () => boolean): SyncSource {
  return createCloudSyncSource(db, jobs, ALIYUN_SPEC, reachable);
}

/** What applies the supersede rule: the sync service's `supersede`. */
export interface Superseder {
  supersede(opId: string, key: string, queuedAt: number): number;
}

/**
 * The supersede rule for a push just journaled: when it is a full push, each of its channels supersedes the
 * queued channels of earlier pushes to the same channel (discarded as superseded, with the history record).
 * Answers how many were superseded.
 */
export function supersedeEarlierPushes(db: Database, sync: Superseder, jobId: string): number {
  const job = db.sqlite
    .prepare(`SELECT kind, created_at AS createdAt, json_extract(options, '$.mode') AS mode FROM jobs WHERE id = ?`)
    .get(jobId) as { kind: string; createdAt: number; mode: string | null } | undefined;
  if (job?.kind !== 'permission-push' || job.mode !== 'full') return 0;
  const channels = db.sqlite
    .prepare(`SELECT id, channel_id AS channelId FROM push_channels WHERE job_id = ? AND state = 'pending'`)
    .all(jobId) as { id: number; channelId: string }[];
  let superseded = 0;
  for (const channel of channels)
    superseded += sync.supersede(`${PUSH_SOURCE}:${channel.id}`, `${FULL_PUSH_KEY}${channel.channelId}`, job.createdAt);
  return superseded;
}
