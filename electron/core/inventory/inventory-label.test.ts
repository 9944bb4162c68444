import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { createInventoryRepository, provisionalSerial } from './inventory-repository.ts';

const panel: Terminal = {
  serial: 'BAS-0001',
  kind: 'basip',
  apiVersion: 'v1',
  name: 'AA-12FB entrance panel',
  model: 'AA-12FB',
  firmware: '3.9.1',
  address: '10.0.0.21',
  port: 80,
  online: true,
  lastSeen: 1000,
  credentials: 'ok',
  peopleCount: 3,
  capacity: 10000,
  source: 'manual',
  adapter: null,
};

describe('inventory location labels (migration 15)', () => {
  let dir: string;
  let db: Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-label-'));
    db = openDatabase(join(dir, 'db.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a label, keeps it when discovery saves the terminal again, and after reopening', () => {
    const repo = createInventoryRepository(db);
    repo.save(panel);
    expect(repo.get(panel.serial)?.label).toBeUndefined();
    expect(repo.setLabel(panel.serial, '  Gate 3 entrance ')?.label).toBe('Gate 3 entrance');
    // A health check or mDNS sighting saves a terminal built without the label: the label stays.
    const { terminal } = repo.save({ ...panel, online: false, lastSeen: 2000 });
    expect(terminal.label).toBe('Gate 3 entrance');
    expect(terminal.online).toBe(false);
    db.close();
    db = openDatabase(join(dir, 'db.sqlite'));
    expect(createInventoryRepository(db).get(panel.serial)?.label).toBe('Gate 3 entrance');
  });

  it('ignores a label a sighting carries: only setLabel writes it', () => {
    const repo = createInventoryRepository(db);
    const { terminal } = repo.save({ ...panel, label: 'from the wire' });
    expect(terminal.label).toBeUndefined();
    expect(repo.get(panel.serial)?.label).toBeUndefined();
  });

  it('clears a label with blank text or null, and answers undefined for an unknown serial', () => {
    const repo = createInventoryRepository(db);
    repo.save(panel);
    repo.setLabel(panel.serial, 'Lobby');
    expect(repo.setLabel(panel.serial, '   ')?.label).toBeUndefined();
    repo.setLabel(panel.serial, 'Lobby');
    expect(repo.setLabel(panel.serial, null)?.label).toBeUndefined();
    expect(repo.setLabel('NOPE', 'x')).toBeUndefined();
  });

  it('hands a provisional row’s label on to the serial it turns out to be', () => {
    const repo = createInventoryRepository(db);
    const provisional = provisionalSerial(panel.address, panel.port);
    repo.save({ ...panel, serial: provisional, kind: 'unknown' });
    repo.setLabel(provisional, 'Car park');
    const { terminal, replaced } = repo.save(panel);
    expect(replaced).toBe(provisional);
    expect(terminal.label).toBe('Car park');
    expect(repo.get(panel.serial)?.label).toBe('Car park');
  });
});
