import { evidenceOf, type ItemOutcome, type JobItem, type OutcomeCounts } from '../../../../shared/domain/removal.ts';
import type { Database } from '../../db/database.ts';

/** Read-only queries of the Alibaba removal journal: counts per outcome and pages of items. Part of the journal. */
export function createAliyunReads(db: Database) {
  const sql = db.sqlite;
  return {
    /** Counts per outcome (`pending`: not finished and not queued), in total and per scope. */
    counts(jobId: string): { total: OutcomeCounts; perScope: Map<string, OutcomeCounts> } {
      const empty = (): OutcomeCounts => ({
        removed: 0,
        'already-absent': 0,
        failed: 0,
        queued: 0,
        cancelled: 0,
        pending: 0,
      });
      const total = empty();
      const perScope = new Map<string, OutcomeCounts>();
      const list = sql
        .prepare(
          `SELECT scope_id AS scope, state, outcome, COUNT(*) AS n FROM aliyun_items WHERE job_id = ?
          GROUP BY scope_id, state, outcome`,
        )
        .all(jobId) as { scope: string; state: string; outcome: string | null; n: number }[];
      for (const r of list) {
        const key: keyof OutcomeCounts =
          r.state !== 'final'
            ? r.outcome === 'queued'
              ? 'queued'
              : 'pending'
            : (r.outcome as Exclude<ItemOutcome, 'done'>);
        const mine = perScope.get(r.scope) ?? empty();
        mine[key] = (mine[key] ?? 0) + r.n;
        total[key] = (total[key] ?? 0) + r.n;
        perScope.set(r.scope, mine);
      }
      return { total, perScope };
    },

    /** Items as the report shows them (JobItem shape: terminal = scope, idKind = user type), paged. */
    items(
      jobId: string,
      userType: string,
      filter: { outcome?: string; scope?: string },
      offset: number,
      limit: number,
    ) {
      const parts = ['job_id = ?'];
      const params: (string | number)[] = [jobId];
      if (filter.scope !== undefined) {
        parts.push('scope_id = ?');
        params.push(filter.scope);
      }
      if (filter.outcome === 'pending') parts.push(`state != 'final' AND outcome IS NULL`);
      else if (filter.outcome === 'queued') parts.push(`state != 'final' AND outcome = 'queued'`);
      else if (filter.outcome !== undefined) {
        parts.push(`state = 'final' AND outcome = ?`);
        params.push(filter.outcome);
      }
      const where = `WHERE ${parts.join(' AND ')}`;
      const matching = (sql.prepare(`SELECT COUNT(*) AS n FROM aliyun_items ${where}`).get(...params) as { n: number })
        .n;
      const list = sql
        .prepare(`SELECT * FROM aliyun_items ${where} ORDER BY seq LIMIT ? OFFSET ?`)
        .all(...params, limit, offset) as Record<string, string | number | null>[];
      const items: JobItem[] = list.map((r) => ({
        seq: Number(r.seq),
        terminal: String(r.scope_id),
        terminalKind: 'unknown',
        line: null,
        name: null,
        personKey: String(r.user_id),
        idKind: userType,
        nativeId: String(r.user_id),
        faceId: null,
        outcome: r.state === 'final' || r.outcome === 'queued' ? ((r.outcome as ItemOutcome | null) ?? null) : null,
        rawCode: (r.raw_code as string | null) ?? null,
        reason: (r.reason as string | null) ?? null,
        evidence: evidenceOf(r.evidence),
        attempts: Number(r.attempts),
        verified: null,
        updatedAt: Number(r.updated_at),
      }));
      return { items, matching };
    },
  };
}
