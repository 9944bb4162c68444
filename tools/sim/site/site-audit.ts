import { DatabaseSync } from 'node:sqlite';
import type { SiteTerminal } from './site.ts';

/** One item the app reported removed or already absent, with where its terminal is (from the app's journal). */
interface ReportedRow {
  terminal: string;
  idKind: string;
  nativeId: string;
  faceId: string | null;
  outcome: string;
  address: string | null;
  port: number | null;
}

/** What the demo's `audit` found. */
export interface SiteAudit {
  /** Items reported removed or already absent that were checked against their terminal. */
  checked: number;
  /** Items of terminals that are not this site's (not checked). */
  skipped: number;
  /** Items reported removed or already absent that their terminal still holds. */
  falseOutcomes: string[];
}

const REPORTED_SQL = `SELECT DISTINCT i.id, i.terminal, i.id_kind AS idKind, i.native_id AS nativeId,
  NULLIF(i.face_id, '') AS faceId, i.outcome, t.address, t.port
  FROM job_items i LEFT JOIN terminals t ON t.serial = i.terminal
  WHERE i.state = 'final' AND i.outcome IN ('removed', 'already-absent')`;

/**
 * The demo's self-check (issue 14): every item the app reported removed or already absent, read from its
 * journal (`databaseFile`, read-only), against what the simulated terminal really holds (asked of the terminal
 * process, which reads its store, never its API). Terminals are matched by address and port.
 */
export async function auditSite(databaseFile: string, terminals: readonly SiteTerminal[]): Promise<SiteAudit> {
  const db = new DatabaseSync(databaseFile, { readOnly: true });
  let rows: ReportedRow[];
  try {
    rows = db.prepare(REPORTED_SQL).all() as unknown as ReportedRow[];
  } finally {
    db.close();
  }
  const byTerminal = new Map<SiteTerminal, ReportedRow[]>();
  let skipped = 0;
  for (const row of rows) {
    const terminal = terminals.find((t) => t.address === row.address && t.port === row.port);
    if (!terminal) {
      skipped++;
      continue;
    }
    const list = byTerminal.get(terminal) ?? [];
    list.push(row);
    byTerminal.set(terminal, list);
  }
  const falseOutcomes: string[] = [];
  for (const [terminal, list] of byTerminal) {
    const held = await terminal.control.holds(
      list.map((row) => ({ idKind: row.idKind, id: row.nativeId, faceId: row.faceId })),
    );
    list.forEach((row, i) => {
      if (held[i])
        falseOutcomes.push(
          `terminal ${terminal.index} (${row.terminal}): ${row.idKind} ${row.nativeId} reported ${row.outcome} but still held`,
        );
    });
  }
  return { checked: rows.length - skipped, skipped, falseOutcomes };
}
