import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { createEventBus } from '../events/event-bus.ts';
import { createSettingsService } from './settings-service.ts';

describe('settings service', () => {
  let dir = '';
  let db: Database | undefined;
  afterEach(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = (): Database => {
    dir ||= mkdtempSync(join(tmpdir(), 'fcom-settings-'));
    db = openDatabase(join(dir, 'fcom.sqlite'));
    return db;
  };

  it('starts from defaults, persists an update across reopen, and emits the new settings', () => {
    const bus = createEventBus();
    const seen: unknown[] = [];
    bus.onAny((event, payload) => seen.push([event, payload]));
    const first = createSettingsService(open(), bus);
    expect(first.get()).toEqual({ language: 'en', siteAdapters: [] });

    const updated = first.update({ language: 'zh-CN' });
    expect(updated.language).toBe('zh-CN');
    expect(seen).toEqual([['settings:changed', { language: 'zh-CN', siteAdapters: [] }]]);
    db?.close();

    const reopened = createSettingsService(open(), createEventBus());
    expect(reopened.get().language).toBe('zh-CN');
  });

  it('falls back to the default when a stored value is invalid', () => {
    const database = open();
    database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('language', '"klingon"');
    database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('siteAdapters', 'not json');
    expect(createSettingsService(database, createEventBus()).get()).toEqual({ language: 'en', siteAdapters: [] });
  });
});
