import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../electron/core/compose.ts';
import type { AdoptedTask } from './invariants-targets.ts';
import type { ItemRow, JobRow } from './invariants-app.ts';
import type { ReportedItem } from '../audit/ground-truth.ts';

/** What the conductor reads from the app's journal at the end of a run (no app process runs then). */
export interface JournalSnapshot {
  jobs: JobRow[];
  items: ItemRow[];
  adopted: AdoptedTask[];
  integrity: string[];
  /** Items per source and outcome ("removal/removed": 412). */
  outcomes: Record<string, number>;
  /** Batches (terminal and Alibaba requests) and push issue calls the journal recorded, by state. */
  requests: Record<string, number>;
  /** Terminal items reported removed or already absent, with the port of their terminal (for the audit). */
  reported: (ReportedItem & { port: number | null })[];
}

const REPORTED_SQL = `
  SELECT DISTINCT i.id, i.terminal, i.id_kind AS idKind, i.native_id AS nativeId, NULLIF(i.face_id, '') AS faceId,
    i.outcome, t.port FROM job_items i LEFT JOIN terminals t ON t.serial = i.terminal
  WHERE i.state = 'final' AND i.outcome IN ('removed', 'already-absent')`;

const ITEMS_SQL = `
  SELECT 'removal' AS source, id, job_id AS jobId, state, outcome FROM job_items
  UNION ALL SELECT 'push', id, job_id, state, outcome FROM push_channels
  UNION ALL SELECT 'aliyun', id, job_id, state, outcome FROM aliyun_items`;

const JOBS_SQL = `
  SELECT j.id, j.kind, j.state, j.label,
    (SELECT COUNT(*) FROM job_items i WHERE i.job_id = j.id)
    + (SELECT COUNT(*) FROM push_channels c WHERE c.job_id = j.id)
    + (SELECT COUNT(*) FROM aliyun_items a WHERE a.job_id = j.id) AS items
  FROM jobs j ORDER BY j.created_at`;

const ADOPTED_SQL = `
  SELECT t.task_id AS taskId, c.id AS op, t.job_id AS jobId, t.channel_id AS channelId
  FROM push_tasks t LEFT JOIN push_channels c ON c.job_id = t.job_id AND c.channel_id = t.channel_id`;

const REQUESTS_SQL = `
  SELECT 'terminal-batch/' || state AS k, COUNT(*) AS n FROM job_batches GROUP BY state
  UNION ALL SELECT 'aliyun-batch/' || state, COUNT(*) FROM aliyun_batches GROUP BY state
  UNION ALL SELECT 'push-issue/' || state, COUNT(*) FROM push_issues GROUP BY state`;

/** Reads the journal of the app data directory `dataDir`, read-only, and runs `PRAGMA integrity_check`. */
export function readJournal(dataDir: string): JournalSnapshot {
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
  try {
    const items = db.prepare(ITEMS_SQL).all() as unknown as ItemRow[];
    const outcomes: Record<string, number> = {};
    for (const item of items) {
      const key = `${item.source}/${item.outcome ?? item.state}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    const requests: Record<string, number> = {};
    for (const row of db.prepare(REQUESTS_SQL).all() as { k: string; n: number }[]) requests[row.k] = row.n;
    return {
      jobs: db.prepare(JOBS_SQL).all() as unknown as JobRow[],
      items,
      adopted: db.prepare(ADOPTED_SQL).all() as unknown as AdoptedTask[],
      integrity: (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      ),
      outcomes,
      requests,
      reported: db.prepare(REPORTED_SQL).all() as unknown as (ReportedItem & { port: number | null })[],
    };
  } finally {
    db.close();
  }
}
