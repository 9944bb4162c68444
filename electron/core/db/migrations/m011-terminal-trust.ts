import type { Migration } from './migration.ts';

/**
 * Migration 11: trust on first use, pinned (issue 15). `pin` holds the identity pinned when the technician
 * trusted the terminal (JSON, shared/domain/terminal.ts `TerminalPinSchema`; NULL = untrusted), `conflict` the
 * device that contradicts it (JSON `TrustConflictSchema`; NULL = none). Rows written before this step: a
 * terminal the technician added by address (`source = 'manual'`) is trusted, pinned at its saved address,
 * port, kind and model; one only discovered (mDNS, sweep) starts untrusted and gets no credentials until the
 * technician trusts it.
 */
export const MIGRATION_11: Migration = {
  version: 11,
  name: 'terminals: trust pin and identity conflict',
  sql: `
    ALTER TABLE terminals ADD COLUMN pin TEXT;
    ALTER TABLE terminals ADD COLUMN conflict TEXT;
    UPDATE terminals
      SET pin = json_object('address', address, 'port', port, 'kind', kind, 'model', model, 'at', 0)
      WHERE source = 'manual';
  `,
};
