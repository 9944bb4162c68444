import type { StatementSync } from 'node:sqlite';
import type { Database } from '../db/database.ts';
import { nameKey, pinyinOf } from './names.ts';
import type { IndexRow } from './rows.ts';

/** A terminal's read in progress: its pages wait in the database (a temporary table), not in memory. */
export interface StagedRead {
  /** Stages one page's rows, in the order the terminal listed them. */
  add(rows: readonly IndexRow[]): void;
  /**
   * The read was COMPLETE: the terminal's index becomes exactly what was staged (only what changed is written)
   * and its read record says `readAt`, in one transaction. Answers the rows staged. What was staged is gone
   * afterwards, whether the commit succeeded or threw.
   */
  commit(kind: string, readAt: number): number;
  /** The read failed or was cancelled: what was staged is dropped; the index stays as it was. */
  discard(): void;
}

/** The staged reads of one database connection. */
export interface StagedReads {
  begin(serial: string): StagedRead;
}

/** A staged or stored row's columns that a read may change, to tell whether it did. */
interface Said {
  uid: string | null;
  link_id: string | null;
  name: string;
  type: string | null;
  face_ids: string;
}

const said = (row: Said): string => JSON.stringify([row.uid, row.link_id, row.name, row.type, row.face_ids]);

/**
 * Staged reads over `db` (`statement` prepares once per text). The staging table is TEMPORARY: it lives in
 * this connection only, never in the file, and is empty at every start. Pages are staged in their own small
 * transactions, which take no lock on the database file (temporary tables only).
 */
export function createStagedReads(db: Database, statement: (text: string) => StatementSync): StagedReads {
  db.sqlite.exec(`
    CREATE TEMP TABLE IF NOT EXISTS people_index_staged (
      read_id INTEGER NOT NULL,
      seq INTEGER PRIMARY KEY,
      id_kind TEXT NOT NULL,
      native_id TEXT NOT NULL,
      uid TEXT,
      link_id TEXT,
      name TEXT NOT NULL,
      type TEXT,
      face_ids TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS temp.people_index_staged_read ON people_index_staged (read_id, seq);
  `);
  let nextReadId = 1;

  const drop = (readId: number): void => {
    statement('DELETE FROM people_index_staged WHERE read_id = ?').run(readId);
  };

  const replace = (readId: number, serial: string, kind: string, readAt: number): number => {
    // The terminal's stored rows, by key, with what they say: a site's lists change little between two reads.
    const before = new Map<string, string>();
    const stored = statement(
      'SELECT id_kind, native_id, uid, link_id, name, type, face_ids FROM people_index WHERE serial = ?',
    ).iterate(serial) as Iterable<Said & { id_kind: string; native_id: string }>;
    for (const row of stored) before.set(`${row.id_kind}\n${row.native_id}`, said(row));
    const insert = statement(
      `INSERT OR REPLACE INTO people_index (serial, id_kind, native_id, uid, link_id, name, type, face_ids,
         name_key, pinyin, initials) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let rows = 0;
    const staged = statement(
      'SELECT id_kind, native_id, uid, link_id, name, type, face_ids FROM people_index_staged WHERE read_id = ? ORDER BY seq',
    ).iterate(readId) as Iterable<Said & { id_kind: string; native_id: string }>;
    for (const row of staged) {
      rows++;
      const key = `${row.id_kind}\n${row.native_id}`;
      const known = before.get(key);
      before.delete(key);
      if (known === said(row)) continue;
      const { full, initials } = pinyinOf(row.name);
      insert.run(
        serial,
        row.id_kind,
        row.native_id,
        row.uid,
        row.link_id,
        row.name,
        row.type,
        row.face_ids,
        nameKey(row.name),
        full,
        initials,
      );
    }
    const remove = statement('DELETE FROM people_index WHERE serial = ? AND id_kind = ? AND native_id = ?');
    for (const key of before.keys()) {
      const [idKind, nativeId] = key.split('\n') as [string, string];
      remove.run(serial, idKind, nativeId);
    }
    statement(
      `INSERT INTO people_index_terminals (serial, kind, read_at, people, attempted_at, last_error, last_error_code)
       VALUES (?, ?, ?, ?, ?, NULL, NULL)
       ON CONFLICT (serial) DO UPDATE SET kind = excluded.kind, read_at = excluded.read_at, people = excluded.people,
         attempted_at = excluded.attempted_at, last_error = NULL, last_error_code = NULL`,
    ).run(serial, kind, readAt, rows, readAt);
    drop(readId);
    return rows;
  };

  return {
    begin(serial) {
      const readId = nextReadId++;
      let open = true;
      const ensureOpen = (): void => {
        if (!open) throw new Error(`The staged read of ${serial} is already committed or discarded.`);
      };
      return {
        add(rows) {
          ensureOpen();
          if (rows.length === 0) return;
          const insert = statement(
            `INSERT INTO people_index_staged (read_id, id_kind, native_id, uid, link_id, name, type, face_ids)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          );
          // One small transaction a page (temporary tables only: no lock on the file); inside a caller's
          // transaction the rows simply join it.
          const own = !db.sqlite.isTransaction;
          if (own) db.sqlite.exec('BEGIN');
          try {
            for (const row of rows) {
              insert.run(
                readId,
                row.idKind,
                row.nativeId,
                row.uid,
                row.linkId,
                row.name,
                row.type,
                row.faceIds.join(','),
              );
            }
            if (own) db.sqlite.exec('COMMIT');
          } catch (error) {
            if (own && db.sqlite.isTransaction) db.sqlite.exec('ROLLBACK');
            throw error;
          }
        },
        commit(kind, readAt) {
          ensureOpen();
          open = false;
          try {
            return db.transaction(() => replace(readId, serial, kind, readAt));
          } catch (error) {
            drop(readId);
            throw error;
          }
        },
        discard() {
          if (!open) return;
          open = false;
          drop(readId);
        },
      };
    },
  };
}
