import type { Operation, OperationState, ReasonCode, SyncCounts } from '../../../shared/domain/sync.ts';
import { evidenceOf, type OutcomeCounts } from '../../../shared/domain/removal.ts';
import type { Database } from '../db/database.ts';
import { DEFAULT_SITE_ID } from '../inventory/inventory-repository.ts';
import { emptySyncCounts, type ActionInfo, type SyncSource, type TimeRange } from '../jobs/sync-port.ts';
import { DISCARDED, DRIFT_ABSENT, REMOVAL_SOURCE, STATE_CASE, STATE_SQL, type ItemSelection } from './journal-sync.ts';
import { createJournalReader } from './journal-read.ts';
import type { JobEngine } from '../jobs/engine.ts';
import { REMOVAL_KINDS } from './removal-kind.ts';
import type { RemovalService } from './removal-service.ts';
import { isCredentialsFailure } from './credentials-failure.ts';

/** A job item joined with its job, terminal and history, as the sync queue reads it. */
interface Row {
  id: number;
  job_id: string;
  job_label: string | null;
  job_state: string;
  terminal: string;
  terminal_name: string | null;
  name: string | null;
  native_id: string;
  face_id: string;
  outcome: string | null;
  raw_code: string | null;
  evidence: string | null;
  reason: string | null;
  attempts: number;
  retryable: number;
  queued_at: number | null;
  synced_at: number | null;
  updated_at: number;
  op_state: OperationState;
  discarded_by: string | null;
  discarded_at: number | null;
  drift: string | null;
}

const SELECT = `SELECT i.id, i.job_id, j.label AS job_label, j.state AS job_state, i.terminal,
  t.name AS terminal_name, i.name, i.native_id, i.face_id, i.outcome, i.raw_code, i.evidence, i.reason, i.attempts, i.retryable,
  i.queued_at, i.synced_at, i.updated_at, ${STATE_CASE} AS op_state,
  CASE WHEN i.outcome = 'cancelled' THEN (SELECT a.actor FROM sync_actions a WHERE a.op_id = '${REMOVAL_SOURCE}:' || i.id
    AND a.action IN ('discard', 'supersede') ORDER BY a.id DESC LIMIT 1) END AS discarded_by,
  CASE WHEN i.outcome = 'cancelled' THEN (SELECT a.at FROM sync_actions a WHERE a.op_id = '${REMOVAL_SOURCE}:' || i.id
    AND a.action IN ('discard', 'supersede') ORDER BY a.id DESC LIMIT 1) END AS discarded_at,
  (SELECT d.detail FROM sync_drift d WHERE d.op_id = '${REMOVAL_SOURCE}:' || i.id ORDER BY d.id DESC LIMIT 1) AS drift
  FROM job_items i JOIN jobs j ON j.id = i.job_id
  LEFT JOIN terminals t ON t.site_id = ${DEFAULT_SITE_ID} AND t.serial = i.terminal`;

/** Queued first, then needing attention, running, done, discarded. */
const RANK = `CASE ${STATE_CASE} WHEN 'queued' THEN 0 WHEN 'needs-attention' THEN 1 WHEN 'running' THEN 2
  WHEN 'done' THEN 3 ELSE 4 END`;

const OFFLINE_REASON =
  'The terminal does not answer: the removal waits, queued, and is sent once the terminal is back.';

/** Items of one job, terminal and count, as the queue counts them. */
interface Group {
  terminal: string;
  state: OperationState;
  n: number;
}

/** The sync-queue state of an item from its outcome and its job's state (as STATE_SQL). */
function stateOf(outcome: string | null, jobState: string | undefined): OperationState {
  if (outcome !== null && outcome !== 'queued') {
    if (outcome === 'failed' || outcome === 'unconfirmed') return 'needs-attention';
    return outcome === 'cancelled' ? 'discarded' : 'done';
  }
  return outcome === 'queued' || jobState !== 'running' ? 'queued' : 'running';
}

function reasonCodeOf(row: Row): ReasonCode | null {
  switch (row.op_state) {
    case 'queued':
      return row.outcome === 'queued' ? 'terminal-offline' : row.job_state === 'paused' ? 'job-paused' : 'waiting';
    case 'needs-attention':
      if (isCredentialsFailure(row.raw_code, row.reason)) return 'credentials';
      return row.retryable === 0 ? 'invalid' : 'failed';
    case 'done':
      return row.raw_code === DRIFT_ABSENT ? 'drift-absent' : null;
    case 'discarded':
      return row.raw_code === DISCARDED ? 'discarded' : 'cancelled';
    default:
      return null;
  }
}

/** A journal row as an operation of the sync queue. */
function toOperation(row: Row): Operation {
  const offline = row.op_state === 'queued' && row.outcome === 'queued';
  return {
    id: `${REMOVAL_SOURCE}:${row.id}`,
    source: REMOVAL_SOURCE,
    jobId: row.job_id,
    jobLabel: row.job_label,
    kind: row.face_id ? 'remove-face' : 'remove-person',
    targetKind: 'terminal',
    target: row.terminal,
    targetName: row.terminal_name || row.terminal,
    channel: null,
    subject: row.face_id ? `${row.native_id}/${row.face_id}` : row.native_id,
    subjectName: row.name,
    state: row.op_state,
    outcome: row.outcome,
    evidence: evidenceOf(row.evidence),
    reasonCode: reasonCodeOf(row),
    reason: offline ? (row.reason ?? OFFLINE_REASON) : row.reason,
    rawCode: row.raw_code,
    attempts: row.attempts,
    // Unconfirmed items are retried by reading their terminal first (journal-reopen.ts).
    retryable: row.op_state === 'needs-attention' && (row.retryable === 1 || row.outcome === 'unconfirmed'),
    queuedAt: row.queued_at,
    syncedAt: row.op_state === 'done' ? row.synced_at : null,
    updatedAt: row.updated_at,
    discardedBy: row.discarded_by,
    discardedAt: row.discarded_at,
    drift: row.drift,
  };
}

function localIds(ids: readonly string[] | 'all-needs-attention'): ItemSelection {
  if (ids === 'all-needs-attention') return ids;
  return ids.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
}

/**
 * The removal engine as a source of the sync queue: one operation per job item (`removal:<item id>`), read
 * straight from the write-ahead journal, so the queue and the journal can never disagree.
 */
export function createRemovalSyncSource(db: Database, removal: RemovalService, engine: JobEngine): SyncSource {
  const sql = db.sqlite;
  const reader = createJournalReader(db);
  const jobStates = sql.prepare(`SELECT id, state FROM jobs WHERE kind = 'remove'`);
  const terminalRows = sql.prepare(`SELECT serial, name, online FROM terminals WHERE site_id = ${DEFAULT_SITE_ID}`);

  /**
   * Every (job, terminal, count) group with its sync-queue state, from the jobs' live counts (live-counts.ts:
   * counted once per job, then followed as answers are recorded), not from a count of every item.
   */
  const tally = (): Group[] => {
    const groups: Group[] = [];
    for (const job of jobStates.all() as { id: string; state: string }[]) {
      for (const [terminal, counts] of reader.livePerTerminal(job.id)) {
        for (const [key, n] of Object.entries(counts) as [keyof OutcomeCounts, number][]) {
          if (n > 0) groups.push({ terminal, n, state: stateOf(key === 'pending' ? null : key, job.state) });
        }
      }
    }
    return groups;
  };

  return {
    name: REMOVAL_SOURCE,
    counts(): SyncCounts {
      const counts = emptySyncCounts();
      for (const group of tally()) counts[group.state] += group.n;
      return counts;
    },
    list(query) {
      const conditions = [query.state ? STATE_SQL[query.state] : '1 = 1'];
      const params: string[] = [];
      if (query.target !== undefined) {
        conditions.push('i.terminal = ?');
        params.push(query.target);
      }
      const where = conditions.join(' AND ');
      const matching = (
        sql.prepare(`SELECT COUNT(*) AS n FROM job_items i WHERE ${where}`).get(...params) as { n: number }
      ).n;
      const rows = sql
        .prepare(`${SELECT} WHERE ${where} ORDER BY ${RANK}, i.updated_at DESC, i.id LIMIT ? OFFSET ?`)
        .all(...params, query.limit, query.offset) as unknown as Row[];
      return { items: rows.map(toOperation), matching };
    },
    *all(range: TimeRange = {}) {
      const statement = sql.prepare(`${SELECT} WHERE j.created_at >= ? AND j.created_at <= ?
        ORDER BY j.created_at, i.job_id, i.seq`);
      const rows = statement.iterate(range.since ?? 0, range.until ?? Number.MAX_SAFE_INTEGER);
      for (const row of rows) yield toOperation(row as unknown as Row);
    },
    targets() {
      const open = new Map<string, { queued: number; attention: number }>();
      for (const group of tally()) {
        if (group.state !== 'queued' && group.state !== 'needs-attention') continue;
        const target = open.get(group.terminal) ?? { queued: 0, attention: 0 };
        if (group.state === 'queued') target.queued += group.n;
        else target.attention += group.n;
        open.set(group.terminal, target);
      }
      const terminals = new Map(
        (terminalRows.all() as { serial: string; name: string; online: number }[]).map((t) => [t.serial, t]),
      );
      return [...open.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([serial, counts]) => ({
          kind: 'terminal' as const,
          id: serial,
          name: terminals.get(serial)?.name || serial,
          reachable: terminals.get(serial)?.online === 1,
          queued: counts.queued,
          needsAttention: counts.attention,
        }));
    },
    resume(target) {
      if (target && target.kind !== 'terminal') return;
      removal.resumeQueued(target?.id);
    },
    async idle() {
      const running = engine.liveRuns(REMOVAL_KINDS).map((run) => run.jobId);
      await Promise.all(running.map((jobId) => engine.whenIdle(jobId)));
    },
    retry: (ids, action: ActionInfo) => removal.retryItems(localIds(ids), action),
    discard: (ids, action: ActionInfo) => removal.discardItems(localIds(ids), action),
  };
}
