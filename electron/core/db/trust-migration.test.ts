import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createInventoryRepository } from '../inventory/inventory-repository.ts';
import { openDatabase } from './database.ts';
import { MIGRATIONS } from './migrations.ts';

/** Migration 11 on a database written by version 10: added rows trusted and pinned, discovered rows untrusted. */
describe('migration 11: terminal trust', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('trusts rows the technician added (pinned where saved) and leaves discovered rows untrusted', () => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-m11-'));
    const path = join(dir, 'db.sqlite');
    const v10 = openDatabase(
      path,
      MIGRATIONS.filter((m) => m.version <= 10),
    );
    const insert = v10.sqlite.prepare(`INSERT INTO terminals (site_id, serial, kind, api_version, name, model, firmware,
      address, port, online, last_seen, credentials, people_count, capacity, source, adapter)
      VALUES (1, ?, 'basip', 'v1', '', 'AA-12FB', NULL, ?, 80, 1, 1, 'ok', NULL, NULL, ?, NULL)`);
    insert.run('ADDED-1', '10.0.0.1', 'manual');
    insert.run('MDNS-1', '10.0.0.2', 'mdns');
    insert.run('SWEEP-1', '10.0.0.3', 'sweep');
    v10.close();

    const db = openDatabase(path);
    try {
      const inventory = createInventoryRepository(db);
      expect(inventory.get('ADDED-1')).toMatchObject({
        trust: 'trusted',
        pin: { address: '10.0.0.1', port: 80, kind: 'basip', model: 'AA-12FB', at: 0 },
        conflict: null,
      });
      expect(inventory.get('MDNS-1')).toMatchObject({ trust: 'untrusted', pin: null });
      expect(inventory.get('SWEEP-1')).toMatchObject({ trust: 'untrusted', pin: null });
    } finally {
      db.close();
    }
  });
});
