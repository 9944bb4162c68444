import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Database } from '../db/database.ts';
import { nameKey } from './names.ts';
import { COLUMNS, toRow, type IndexRow, type RawRow } from './rows.ts';
import { createStagedReads, type StagedRead } from './staged-read.ts';

export type { IndexRow } from './rows.ts';
export type { StagedRead } from './staged-read.ts';

/** What the index knows of one terminal's reads. */
export interface TerminalReadRow {
  serial: string;
  kind: string;
  readAt: number | null;
  people: number;
  attemptedAt: number | null;
  lastError: string | null;
  lastErrorCode: string | null;
}

/** The people index tables (migration 14). */
export interface IndexStore {
  /**
   * Starts reading a terminal: its pages are staged in the database as they come, not held in memory, and
   * become the terminal's index only when the read is COMPLETE (`StagedRead.commit`).
   */
  beginRead(serial: string): StagedRead;
  /** Records a failed read: the previous rows stay (stale), with the error. */
  recordFailure(serial: string, kind: string, at: number, error: string, code: string | null): void;
  /** Every terminal the index has a record of. */
  reads(): TerminalReadRow[];
  /** The rows of one terminal. */
  rowsOf(serial: string): IndexRow[];
  /** Rows whose name is exactly `name` (see nameKey). */
  byName(name: string): IndexRow[];
  /** Rows holding `id` as identity_id, link_id (any case) or uid. */
  byId(id: string): IndexRow[];
  /** Rows whose name contains `part`, or whose pinyin (or initials) starts with or contains `letters`. */
  search(part: string | null, letters: string | null, limit: number): IndexRow[];
  /** Forgets terminals that are no longer in the inventory. */
  forgetExcept(serials: readonly string[]): void;
}

/**
 * The terminals a lookup searches, for the indexes that lead with the serial (migration 18): one seek per
 * terminal. Every indexed row's terminal has a read record (a staged read's commit writes both).
 */
const EVERY_TERMINAL = 'serial IN (SELECT serial FROM people_index_terminals)';

/** Escapes a LIKE pattern (with ESCAPE '\'). */
function like(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Creates the {@link IndexStore} over the local database. */
export function createIndexStore(db: Database): IndexStore {
  const sql: DatabaseSync = db.sqlite;
  const prepared = new Map<string, StatementSync>();
  const statement = (text: string): StatementSync => {
    let s = prepared.get(text);
    if (!s) {
      s = sql.prepare(text);
      prepared.set(text, s);
    }
    return s;
  };
  const rows = (text: string, ...params: (string | number | null)[]): IndexRow[] =>
    (statement(text).all(...params) as unknown as RawRow[]).map(toRow);
  const stagedReads = createStagedReads(db, statement);

  return {
    beginRead: (serial) => stagedReads.begin(serial),

    recordFailure(serial, kind, at, error, code) {
      statement(
        `INSERT INTO people_index_terminals (serial, kind, read_at, people, attempted_at, last_error, last_error_code)
         VALUES (?, ?, NULL, 0, ?, ?, ?)
         ON CONFLICT (serial) DO UPDATE SET attempted_at = excluded.attempted_at, last_error = excluded.last_error,
           last_error_code = excluded.last_error_code`,
      ).run(serial, kind, at, error, code);
    },

    reads() {
      const raw = statement(
        'SELECT serial, kind, read_at, people, attempted_at, last_error, last_error_code FROM people_index_terminals ORDER BY serial',
      ).all() as unknown as {
        serial: string;
        kind: string;
        read_at: number | null;
        people: number;
        attempted_at: number | null;
        last_error: string | null;
        last_error_code: string | null;
      }[];
      return raw.map((r) => ({
        serial: r.serial,
        kind: r.kind,
        readAt: r.read_at,
        people: r.people,
        attemptedAt: r.attempted_at,
        lastError: r.last_error,
        lastErrorCode: r.last_error_code,
      }));
    },

    rowsOf: (serial) => rows(`SELECT ${COLUMNS} FROM people_index WHERE serial = ?`, serial),
    byName: (name) =>
      rows(
        `SELECT ${COLUMNS} FROM people_index INDEXED BY people_index_name WHERE ${EVERY_TERMINAL} AND name_key = ?`,
        nameKey(name),
      ),
    byId: (id) =>
      rows(
        `SELECT ${COLUMNS} FROM people_index INDEXED BY people_index_native WHERE ${EVERY_TERMINAL} AND native_id IN (?, ?)
         UNION SELECT ${COLUMNS} FROM people_index INDEXED BY people_index_link WHERE ${EVERY_TERMINAL} AND link_id = ?
         UNION SELECT ${COLUMNS} FROM people_index INDEXED BY people_index_uid WHERE ${EVERY_TERMINAL} AND uid = ?`,
        id,
        id.toLowerCase(),
        id.toLowerCase(),
        /^\d+$/.test(id) ? String(Number(id)) : id,
      ),
    search(part, letters, limit) {
      const clauses: string[] = [];
      const params: string[] = [];
      if (part !== null) {
        clauses.push("name_key LIKE ? ESCAPE '\\'");
        params.push(like(nameKey(part)));
      }
      if (letters !== null) {
        clauses.push("pinyin LIKE ? ESCAPE '\\'", "initials LIKE ? ESCAPE '\\'");
        params.push(like(letters), `${letters.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      }
      if (clauses.length === 0) return [];
      return rows(
        `SELECT ${COLUMNS} FROM people_index WHERE ${clauses.join(' OR ')} ORDER BY name_key, serial LIMIT ?`,
        ...params,
        limit,
      );
    },
    forgetExcept(serials) {
      const keep = new Set(serials);
      db.transaction(() => {
        for (const read of this.reads()) {
          if (keep.has(read.serial)) continue;
          statement('DELETE FROM people_index WHERE serial = ?').run(read.serial);
          statement('DELETE FROM people_index_terminals WHERE serial = ?').run(read.serial);
        }
      });
    },
  };
}
