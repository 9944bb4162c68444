import type { Migration } from './migration.ts';

/**
 * Migration 15: the technician's location label of a terminal (issue 18), e.g. "Gate 3 entrance". NULL = none:
 * the advertised name is shown. Written only by `devices:set-label`; discovery and health checks never touch it.
 */
export const MIGRATION_15: Migration = {
  version: 15,
  name: 'terminals: location label',
  sql: `
    ALTER TABLE terminals ADD COLUMN label TEXT;
  `,
};
