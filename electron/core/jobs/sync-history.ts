import type { Database } from '../db/database.ts';
import type { TimeRange } from './sync-port.ts';

/** One retry, discard or supersede of an operation: who, when, why. */
export interface ActionRecord {
  opId: string;
  action: 'retry' | 'discard' | 'supersede';
  actor: string;
  note: string | null;
  at: number;
}

/** One change found on a target since an operation was queued (for example: already absent). */
export interface DriftRecord {
  opId: string;
  target: string;
  kind: string;
  detail: string;
  queuedAt: number | null;
  detectedAt: number;
}

/**
 * The sync queue's own history, shared by every source (migration 5): `sync_actions` (every retry, discard and
 * supersede with who and when) and `sync_drift`. Sources write their rows in the same transaction as the change
 * they describe (the removal journal does it in SQL; other sources can call {@link SyncHistory.recordAction}
 * and {@link SyncHistory.recordDrift} inside their own `db.transaction`).
 */
export function createSyncHistory(db: Database) {
  const sql = db.sqlite;
  const insertAction = sql.prepare('INSERT INTO sync_actions (op_id, action, actor, note, at) VALUES (?, ?, ?, ?, ?)');
  const insertDrift = sql.prepare(`INSERT INTO sync_drift (op_id, target, kind, detail, queued_at, detected_at)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const window = (range: TimeRange): [number, number] => [range.since ?? 0, range.until ?? Number.MAX_SAFE_INTEGER];
  return {
    recordAction(record: ActionRecord): void {
      insertAction.run(record.opId, record.action, record.actor, record.note, record.at);
    },
    recordDrift(record: DriftRecord): void {
      insertDrift.run(record.opId, record.target, record.kind, record.detail, record.queuedAt, record.detectedAt);
    },
    /** Actions in a time window, oldest first. */
    actions(range: TimeRange = {}): ActionRecord[] {
      return sql
        .prepare(
          `SELECT op_id AS opId, action, actor, note, at FROM sync_actions WHERE at >= ? AND at <= ? ORDER BY at, id`,
        )
        .all(...window(range)) as unknown as ActionRecord[];
    },
    /** Drift found in a time window, oldest first. */
    drift(range: TimeRange = {}): DriftRecord[] {
      return sql
        .prepare(
          `SELECT op_id AS opId, target, kind, detail, queued_at AS queuedAt, detected_at AS detectedAt
          FROM sync_drift WHERE detected_at >= ? AND detected_at <= ? ORDER BY detected_at, id`,
        )
        .all(...window(range)) as unknown as DriftRecord[];
    },
  };
}

/** The sync queue's history tables. */
export type SyncHistory = ReturnType<typeof createSyncHistory>;
