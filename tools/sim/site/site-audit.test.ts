import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database.ts';
import { DEFAULT_SITE_ID } from '../../../electron/core/inventory/inventory-repository.ts';
import { auditSite } from './site-audit.ts';
import type { SiteTerminal } from './site.ts';
import type { HeldQuery } from './terminal-protocol.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A journal with one terminal at 10.77.0.10:5555 and items with the given outcomes. */
function journal(items: [nativeId: string, outcome: string][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-site-audit-'));
  dirs.push(dir);
  const file = join(dir, 'fcom.sqlite');
  const db = openDatabase(file);
  const now = Date.now();
  db.sqlite.exec(`INSERT OR IGNORE INTO sites (id, name) VALUES (${DEFAULT_SITE_ID}, 'site');
    INSERT INTO terminals (site_id, serial, kind, name, address, port, online, credentials, source)
      VALUES (${DEFAULT_SITE_ID}, 'SPH1', 'sophon', 'T', '10.77.0.10', 5555, 1, 'not-required', 'mdns');
    INSERT INTO jobs (id, kind, state, options, created_at, updated_at) VALUES ('j', 'remove', 'done', '{}', ${now}, ${now});`);
  const insert = db.sqlite.prepare(`INSERT INTO job_items (job_id, seq, terminal, terminal_kind, person_key, id_kind,
    native_id, state, outcome, updated_at) VALUES ('j', ?, 'SPH1', 'sophon', ?, 'identity_id', ?, 'final', ?, ?)`);
  items.forEach(([id, outcome], i) => insert.run(i, id, id, outcome, now));
  db.close();
  return file;
}

/** A site terminal at 10.77.0.10:5555 that holds `held`. */
function terminalHolding(held: readonly string[]): SiteTerminal {
  const holds = async (queries: readonly HeldQuery[]) => queries.map((q) => held.includes(q.id));
  return { index: 0, address: '10.77.0.10', port: 5555, control: { holds } } as unknown as SiteTerminal;
}

describe('the demo audit', () => {
  it('finds items reported removed or already absent that the terminal still holds, and only those', async () => {
    const file = journal([
      ['1', 'removed'],
      ['2', 'already-absent'],
      ['3', 'removed'],
      ['4', 'failed'],
    ]);
    const audit = await auditSite(file, [terminalHolding(['3', '4'])]);
    expect(audit).toEqual({
      checked: 3,
      skipped: 0,
      falseOutcomes: [expect.stringContaining('identity_id 3 reported removed but still held')],
    });
    expect((await auditSite(file, [terminalHolding(['4'])])).falseOutcomes).toEqual([]);
  });
});
