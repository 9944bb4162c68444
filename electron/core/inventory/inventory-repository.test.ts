import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { createInventoryRepository, provisionalSerial } from './inventory-repository.ts';

const base: Terminal = {
  serial: 'SN-1',
  kind: 'sophon',
  apiVersion: 'v2',
  name: 'Lobby',
  model: 'FR-100',
  firmware: '2.1.0',
  address: '10.0.0.5',
  port: 5555,
  online: true,
  lastSeen: 1000,
  credentials: 'not-required',
  peopleCount: 10,
  capacity: null,
  source: 'mdns',
  adapter: 'eth0',
};

describe('inventory repository', () => {
  let dir: string;
  let db: Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-inv-'));
    db = openDatabase(join(dir, 'db.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one row per serial when a terminal changes address', () => {
    const repo = createInventoryRepository(db);
    repo.save(base);
    repo.save({ ...base, address: '10.0.0.99', lastSeen: 2000 });
    expect(repo.list()).toHaveLength(1);
    expect(repo.get('SN-1')).toMatchObject({ address: '10.0.0.99', lastSeen: 2000 });
  });

  it('replaces a provisional row once the serial is learnt for that address', () => {
    const repo = createInventoryRepository(db);
    const provisional = provisionalSerial('10.0.0.5', 5555);
    repo.save({ ...base, serial: provisional, kind: 'unknown', source: 'manual' });
    const { replaced } = repo.save(base);
    expect(replaced).toBe(provisional);
    expect(repo.list().map((t) => t.serial)).toEqual(['SN-1']);
  });

  it('forgets a terminal and survives reopening', () => {
    const repo = createInventoryRepository(db);
    repo.save(base);
    repo.save({ ...base, serial: 'SN-2', address: '10.0.0.6' });
    expect(repo.forget('SN-1')).toBe(true);
    expect(repo.forget('SN-1')).toBe(false);
    db.close();
    db = openDatabase(join(dir, 'db.sqlite'));
    expect(
      createInventoryRepository(db)
        .list()
        .map((t) => t.serial),
    ).toEqual(['SN-2']);
  });

  it('refuses an invalid terminal without writing anything', () => {
    const repo = createInventoryRepository(db);
    expect(() => repo.save({ ...base, port: 0 })).toThrow();
    expect(repo.list()).toEqual([]);
  });

  it('keeps the identification record of an unknown device, and drops it once the device is known', () => {
    const repo = createInventoryRepository(db);
    const identification = {
      at: 2000,
      chosenKind: null,
      attempts: [
        {
          kind: 'basip' as const,
          authenticated: false,
          port: 80,
          request: 'GET /api/v1/info',
          status: 404,
          contentType: 'text/html',
          excerpt: '<h1>Not Found</h1>',
          failure: null,
        },
      ],
    };
    const unknown: Terminal = { ...base, serial: provisionalSerial('10.0.0.9', 80), kind: 'unknown', identification };
    repo.save(unknown);
    expect(repo.get(unknown.serial)?.identification).toEqual(identification);
    expect(repo.get('SN-1')).toBeUndefined();
    repo.save({ ...unknown, kind: 'basip', identification: undefined });
    expect(repo.get(unknown.serial)).not.toHaveProperty('identification');
  });

  it('reads rows without a record (written before migration 10, or with a record it cannot read) without one', () => {
    const repo = createInventoryRepository(db);
    repo.save(base);
    db.sqlite.prepare("UPDATE terminals SET identification = '{not json' WHERE serial = 'SN-1'").run();
    expect(repo.get('SN-1')).toEqual({ ...base, trust: 'untrusted', pin: null, conflict: null });
  });
});
