import type { Migration } from './migration.ts';

/**
 * Migration 10: terminals keep what was tried to identify a device that stayed unknown (issue 15): the
 * record as JSON (shared/domain/terminal.ts, `IdentificationRecordSchema`), NULL for every other row and for
 * rows written before this step.
 */
export const MIGRATION_10: Migration = {
  version: 10,
  name: 'terminals: identification record of unknown devices',
  sql: `ALTER TABLE terminals ADD COLUMN identification TEXT;`,
};
