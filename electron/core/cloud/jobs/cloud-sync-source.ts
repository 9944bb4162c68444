import { evidenceOf } from '../../../../shared/domain/removal.ts';
import type { Operation, OperationState, ReasonCode, SyncCounts } from '../../../../shared/domain/sync.ts';
import type { Database } from '../../db/database.ts';
import { createSyncHistory } from '../../jobs/sync-history.ts';
import { emptySyncCounts, type ActionInfo, type SyncSource, type TimeRange } from '../../jobs/sync-port.ts';
import type { CloudName } from '../../../../shared/domain/cloud.ts';
import type { JobSummary } from '../../../../shared/domain/removal.ts';

/** Raw code of a cloud item the technician discarded from the sync queue. */
export const CLOUD_DISCARDED = 'sync:discarded';

/** Raw code of a push channel a later full push for the same channel replaced. */
export const CLOUD_SUPERSEDED = 'sync:superseded';

/** What differs between the cloud job kinds' tables (`push_channels`, `aliyun_items`). */
export interface CloudTableSpec {
  /** Source name, the prefix of operation ids (`push`, `aliyun`). */
  name: string;
  table: 'push_channels' | 'aliyun_items';
  cloud: 'tuya' | 'aliyun';
  cloudName: string;
  /** Operation kind (`permission-push`, `aliyun-remove`). */
  kind: string;
  /** SQL over `i` of the subject, its name and the channel (may be NULL). */
  subject: string;
  subjectName: string;
  channel: string;
  /** SQL over `i` of the channel's stable id (the same channel named or not yet named). */
  channelId: string;
  /** SQL over `i` of the evidence of the outcome (absent: the table keeps none). */
  evidence?: string;
  /** Done outcomes (`already-absent` is done: a delete's "not found", Alibaba 3000). */
  doneOutcomes: readonly string[];
}

/** The sync-queue state of a row of either table (jobs joined as `j`). */
export function stateCase(spec: CloudTableSpec): string {
  const done = spec.doneOutcomes.map((o) => `'${o}'`).join(', ');
  return `CASE WHEN i.state = 'final' AND i.outcome IN (${done}) THEN 'done'
    WHEN i.state = 'final' AND i.outcome = 'failed' THEN 'needs-attention'
    WHEN i.state = 'final' THEN 'discarded'
    WHEN i.outcome = 'queued' OR j.state != 'running' THEN 'queued'
    ELSE 'running' END`;
}

interface Row {
  id: number;
  job_id: string;
  job_label: string | null;
  job_state: string;
  subject: string;
  subject_name: string | null;
  channel: string | null;
  channel_id: string | null;
  outcome: string | null;
  raw_code: string | null;
  evidence: string | null;
  reason: string | null;
  attempts: number;
  retryable: number;
  updated_at: number;
  queued_at: number | null;
  synced_at: number | null;
  op_state: OperationState;
  discarded_by: string | null;
  discarded_at: number | null;
}

const UNREACHABLE = 'The cloud does not answer: the work waits, queued, and is sent once the cloud is back.';

function reasonCodeOf(row: Row): ReasonCode | null {
  switch (row.op_state) {
    case 'queued':
      if (row.outcome === 'queued' && row.raw_code === 'task:running') return 'cloud-task-running';
      return row.outcome === 'queued' ? 'cloud-unreachable' : row.job_state === 'paused' ? 'job-paused' : 'waiting';
    case 'needs-attention':
      if (/credential|auth/i.test(row.raw_code ?? '')) return 'credentials';
      return row.retryable === 0 ? 'invalid' : 'failed';
    case 'discarded':
      if (row.raw_code === CLOUD_SUPERSEDED) return 'superseded';
      return row.raw_code === CLOUD_DISCARDED ? 'discarded' : 'cancelled';
    default:
      return null;
  }
}

/**
 * A cloud job kind as a source of the sync queue: one operation per row of its own journal table
 * (`<name>:<row id>`), read straight from it. Resume and retry go through the cloud job service, which keeps
 * its write-ahead rules (a push's lost answer is settled by re-reading the task list, never resent blindly).
 */
/** How the sync queue steers the cloud jobs: the engine resumes and waits; the cloud service wakes a cloud's waits. */
export interface CloudJobSteering {
  resume(jobId: string): JobSummary;
  whenIdle(jobId: string): Promise<JobSummary>;
  wake(cloud?: CloudName): void;
}

export function createCloudSyncSource(
  db: Database,
  jobs: CloudJobSteering,
  spec: CloudTableSpec,
  reachable: () => boolean,
  extra: Pick<SyncSource, 'supersedable'> = {},
): SyncSource {
  const sql = db.sqlite;
  const history = createSyncHistory(db);
  const state = stateCase(spec);
  const prefix = `'${spec.name}:' || i.id`;
  const lastAction = (column: string) => `CASE WHEN i.outcome = 'cancelled' THEN (SELECT a.${column} FROM sync_actions a
    WHERE a.op_id = ${prefix} AND a.action IN ('discard', 'supersede') ORDER BY a.id DESC LIMIT 1) END`;
  const select = `SELECT i.id, i.job_id, j.label AS job_label, j.state AS job_state, ${spec.subject} AS subject,
    ${spec.subjectName} AS subject_name, ${spec.channel} AS channel, ${spec.channelId} AS channel_id, i.outcome, i.raw_code, ${spec.evidence ?? 'NULL'} AS evidence, i.reason, i.attempts,
    i.retryable, i.updated_at, i.queued_at, i.synced_at, ${state} AS op_state, ${lastAction('actor')} AS discarded_by,
    ${lastAction('at')} AS discarded_at FROM ${spec.table} i JOIN jobs j ON j.id = i.job_id`;
  const rank = `CASE ${state} WHEN 'queued' THEN 0 WHEN 'needs-attention' THEN 1 WHEN 'running' THEN 2
    WHEN 'done' THEN 3 ELSE 4 END`;

  const toOperation = (row: Row): Operation => ({
    id: `${spec.name}:${row.id}`,
    source: spec.name,
    jobId: row.job_id,
    jobLabel: row.job_label,
    kind: spec.kind,
    targetKind: 'cloud',
    target: spec.cloud,
    targetName: spec.cloudName,
    channel: row.channel,
    channelId: row.channel_id,
    subject: row.subject,
    subjectName: row.subject_name,
    state: row.op_state,
    outcome: row.outcome,
    evidence: evidenceOf(row.evidence),
    reasonCode: reasonCodeOf(row),
    reason: row.op_state === 'queued' && row.outcome === 'queued' ? (row.reason ?? UNREACHABLE) : row.reason,
    rawCode: row.raw_code,
    attempts: row.attempts,
    retryable: row.op_state === 'needs-attention' && row.retryable === 1,
    // When the cloud first did not answer (kept across later passes and retries), and when it acknowledged the
    // done outcome (migration 6); not "last change".
    queuedAt: row.queued_at,
    syncedAt: row.op_state === 'done' ? row.synced_at : null,
    updatedAt: row.updated_at,
    discardedBy: row.discarded_by,
    discardedAt: row.discarded_at,
    drift: null,
  });

  /** Selected ids matching `condition`, as numbers. */
  const pick = (ids: readonly string[] | 'all-needs-attention', condition: string): number[] => {
    const all = ids === 'all-needs-attention';
    const chosen = all ? '[]' : JSON.stringify(ids.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0));
    const rows = sql
      .prepare(
        `SELECT i.id FROM ${spec.table} i JOIN jobs j ON j.id = i.job_id WHERE ${condition}
        AND (? = 1 OR i.id IN (SELECT value FROM json_each(?)))`,
      )
      .all(all ? 1 : 0, chosen) as { id: number }[];
    return rows.map((r) => r.id);
  };
  const attention = `(${state}) = 'needs-attention'`;
  const jobsOf = (ids: readonly number[]): string[] =>
    (
      sql
        .prepare(`SELECT DISTINCT job_id AS id FROM ${spec.table} WHERE id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(ids)) as { id: string }[]
    ).map((r) => r.id);
  const record = (ids: readonly number[], action: 'retry' | 'discard' | 'supersede', info: ActionInfo): void => {
    for (const id of ids)
      history.recordAction({
        opId: `${spec.name}:${id}`,
        action,
        actor: info.actor,
        note: info.note ?? null,
        at: info.at,
      });
  };
  const resumed = new Set<string>();
  const resumeJob = (jobId: string): void => {
    try {
      jobs.resume(jobId);
      resumed.add(jobId);
    } catch {
      // Done or cancelled meanwhile: nothing to resume.
    }
  };

  const counts = (): SyncCounts => {
    const total = emptySyncCounts();
    const rows = sql
      .prepare(`SELECT ${state} AS s, COUNT(*) AS n FROM ${spec.table} i JOIN jobs j ON j.id = i.job_id GROUP BY s`)
      .all() as { s: OperationState; n: number }[];
    for (const row of rows) total[row.s] += row.n;
    return total;
  };

  return {
    name: spec.name,
    counts,
    list(query) {
      if (query.target !== undefined && query.target !== spec.cloud) return { items: [], matching: 0 };
      const where = query.state ? `(${state}) = ?` : '1 = 1';
      const params = query.state ? [query.state] : [];
      const from = `FROM ${spec.table} i JOIN jobs j ON j.id = i.job_id WHERE ${where}`;
      const matching = (sql.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
      const rows = sql
        .prepare(`${select} WHERE ${where} ORDER BY ${rank}, i.updated_at DESC, i.id LIMIT ? OFFSET ?`)
        .all(...params, query.limit, query.offset) as unknown as Row[];
      return { items: rows.map(toOperation), matching };
    },
    *all(range: TimeRange = {}) {
      const rows = sql
        .prepare(`${select} WHERE j.created_at >= ? AND j.created_at <= ? ORDER BY j.created_at, i.job_id, i.seq`)
        .iterate(range.since ?? 0, range.until ?? Number.MAX_SAFE_INTEGER);
      for (const row of rows) yield toOperation(row as unknown as Row);
    },
    targets() {
      const open = counts();
      if (open.queued === 0 && open['needs-attention'] === 0) return [];
      const target = { kind: 'cloud' as const, id: spec.cloud, name: spec.cloudName, reachable: reachable() };
      return [{ ...target, queued: open.queued, needsAttention: open['needs-attention'] }];
    },
    resume(target) {
      if (target && (target.kind !== 'cloud' || target.id !== spec.cloud)) return;
      const open = sql
        .prepare(
          `SELECT DISTINCT i.job_id AS id FROM ${spec.table} i JOIN jobs j ON j.id = i.job_id
          WHERE i.state != 'final' AND j.state IN ('running', 'failed')`,
        )
        .all() as { id: string }[];
      for (const job of open) resumeJob(job.id);
      jobs.wake(spec.cloud);
    },
    async idle() {
      const waiting = [...resumed];
      resumed.clear();
      await Promise.all(waiting.map((id) => jobs.whenIdle(id)));
    },
    retry(ids, info) {
      const changed = db.transaction(() => {
        const chosen = pick(ids, `${attention} AND i.retryable = 1`);
        record(chosen, 'retry', info);
        sql
          .prepare(
            `UPDATE ${spec.table} SET state = 'pending', outcome = NULL, raw_code = NULL, reason = NULL,
            attempts = 0, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))`,
          )
          .run(info.at, JSON.stringify(chosen));
        const touched = jobsOf(chosen);
        sql
          .prepare(`UPDATE jobs SET state = 'running', finished_at = NULL WHERE id IN (SELECT value FROM json_each(?))`)
          .run(JSON.stringify(touched));
        return { count: chosen.length, touched };
      });
      for (const jobId of changed.touched) resumeJob(jobId);
      return changed.count;
    },
    discard(ids, info) {
      const supersede = info.kind === 'supersede';
      const discardable = `(${attention} OR ((${state}) = 'queued' AND i.state = 'pending'))`;
      const when = new Date(info.at).toISOString();
      const what = supersede ? 'Superseded' : 'Discarded from the sync queue';
      const reason = `${what} by ${info.actor} at ${when}${info.note ? `: ${info.note}` : ''}. It will not be sent.`;
      return db.transaction(() => {
        const chosen = pick(ids, ids === 'all-needs-attention' ? attention : discardable);
        record(chosen, supersede ? 'supersede' : 'discard', info);
        sql
          .prepare(
            `UPDATE ${spec.table} SET state = 'final', outcome = 'cancelled', raw_code = ?, reason = ?, updated_at = ?
            WHERE id IN (SELECT value FROM json_each(?))`,
          )
          .run(supersede ? CLOUD_SUPERSEDED : CLOUD_DISCARDED, reason, info.at, JSON.stringify(chosen));
        return chosen.length;
      });
    },
    ...extra,
  };
}
