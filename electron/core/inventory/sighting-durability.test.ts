import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { openDatabase, type Database, type TransactionOptions } from '../db/database.ts';
import { createInventoryRepository, pinOf } from './inventory-repository.ts';

const sighting: Terminal = {
  serial: 'SN-7',
  kind: 'basip',
  apiVersion: 'v1',
  name: 'Gate',
  model: 'AV-07',
  firmware: '3.9.1',
  address: '10.0.0.7',
  port: 80,
  online: true,
  lastSeen: 1000,
  credentials: 'unknown',
  peopleCount: null,
  capacity: null,
  source: 'mdns',
  adapter: 'eth0',
};

/** The synchronous level a connection is on: 2 FULL, 1 NORMAL. */
const level = (db: Database): number =>
  (db.sqlite.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;

describe('durability of inventory writes', () => {
  let dir: string;
  let db: Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-inv-durable-'));
    db = openDatabase(join(dir, 'db.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits a relaxed transaction under NORMAL and is back on FULL afterwards, even when the work throws', () => {
    expect(db.transaction(() => level(db), { durable: false })).toBe(1);
    expect(level(db)).toBe(2);
    expect(() =>
      db.transaction(
        () => {
          throw new Error('boom');
        },
        { durable: false },
      ),
    ).toThrow('boom');
    expect(level(db)).toBe(2);
    expect(db.transaction(() => level(db))).toBe(2);
  });

  it('writes a sighting without waiting for the disk, and every change of trust durably', () => {
    const asked: Array<boolean | undefined> = [];
    const watched: Database = {
      ...db,
      sqlite: db.sqlite,
      transaction: <T>(work: () => T, options?: TransactionOptions): T => {
        asked.push(options?.durable);
        return db.transaction(work, options);
      },
    };
    const repo = createInventoryRepository(watched);
    repo.save(sighting);
    repo.save({ ...sighting, lastSeen: 2000, online: false });
    expect(asked).toEqual([false, false]);

    const pin = pinOf(sighting, 3000);
    repo.save({ ...sighting, pin, conflict: null });
    const conflict = {
      reason: 'serial-elsewhere' as const,
      address: '10.0.0.9',
      port: 80,
      serial: 'SN-7',
      kind: 'basip' as const,
      mac: null,
      at: 4000,
    };
    repo.save({ ...sighting, pin, conflict });
    repo.save({ ...sighting, lastSeen: 5000 });
    expect(asked).toEqual([false, false, true, true, false]);
    // What was written relaxed is there all the same.
    expect(repo.get('SN-7')).toMatchObject({ lastSeen: 5000, trust: 'conflict', pin, conflict });
    expect(repo.listPinned().map((t) => t.serial)).toEqual(['SN-7']);
  });
});
