import type { Migration } from './migration.ts';

/**
 * Migration 14: the site people index (issue 17). Per trusted terminal the people of its last COMPLETE list
 * read, with the terminal's own ids (`native_id` is what a removal sends: Sophon identity_id, BAS-IP link_id or
 * else uid), names (`name_key`: the name normalised for exact matching, `pinyin`: its toneless pinyin for
 * search), types and Sophon face ids. `people_index_terminals` says when each terminal was last read
 * completely and what the last attempt failed with: a failed read keeps the previous rows (then stale).
 */
export const MIGRATION_14: Migration = {
  version: 14,
  name: 'site people index',
  sql: `
    CREATE TABLE people_index_terminals (
      serial TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      read_at INTEGER,
      people INTEGER NOT NULL DEFAULT 0,
      attempted_at INTEGER,
      last_error TEXT,
      last_error_code TEXT
    ) STRICT;
    CREATE TABLE people_index (
      serial TEXT NOT NULL,
      id_kind TEXT NOT NULL,
      native_id TEXT NOT NULL,
      uid TEXT,
      link_id TEXT,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      pinyin TEXT NOT NULL,
      initials TEXT NOT NULL,
      type TEXT,
      face_ids TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (serial, id_kind, native_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX people_index_name ON people_index (name_key);
    CREATE INDEX people_index_native ON people_index (native_id);
    CREATE INDEX people_index_link ON people_index (link_id) WHERE link_id IS NOT NULL;
    CREATE INDEX people_index_uid ON people_index (uid) WHERE uid IS NOT NULL;
  `,
};
