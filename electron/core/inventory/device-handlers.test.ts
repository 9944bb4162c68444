import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { createEventBus } from '../events/event-bus.ts';
import { createMemorySecretStore } from '../secrets/memory-secret-store.ts';
import { defaultCredentialsKey, terminalCredentialsKey, writeCredentials } from '../secrets/secret-store.ts';
import type { CoreServices } from '../services.ts';
import { createDeviceHandlers } from './device-handlers.ts';
import { createInventoryRepository, type InventoryRepository } from './inventory-repository.ts';

const terminal = (serial: string, kind: 'sophon' | 'basip'): Terminal => ({
  serial,
  kind,
  apiVersion: 'v1',
  name: kind === 'basip' ? 'AA-12FB entrance panel' : 'Sophon',
  model: null,
  firmware: null,
  address: '127.0.0.1',
  port: 8000 + serial.length,
  online: true,
  lastSeen: 1,
  credentials: 'ok',
  peopleCount: null,
  capacity: null,
  source: 'manual',
  adapter: null,
});

describe('device action handlers', () => {
  let dir: string;
  let db: Database;
  let inventory: InventoryRepository;
  const checked: string[][] = [];
  const health = {
    checkAll: async () => undefined,
    checkSerials: async (serials: readonly string[]) => void checked.push([...serials]),
    start: () => undefined,
    stop: () => undefined,
  };
  /** A discovery whose add waits until cancelled (an unreachable address), then refuses like the real one. */
  const discovery = {
    addByAddress: (input: { address: string; signal?: AbortSignal }) =>
      new Promise<Terminal>((_resolve, reject) => {
        input.signal?.addEventListener('abort', () =>
          reject(new AppError('CANCELLED', 'cancelled', { messageCode: 'add.cancelled' })),
        );
      }),
  } as unknown as CoreServices['discovery'];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-devh-'));
    db = openDatabase(join(dir, 'db.sqlite'));
    inventory = createInventoryRepository(db);
    checked.length = 0;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets a label, announces the terminal, and refuses an unknown serial with a message code', async () => {
    inventory.save(terminal('B-1', 'basip'));
    const bus = createEventBus();
    const heard: Terminal[] = [];
    bus.onAny((event, payload) => {
      if (event === 'devices:updated') heard.push(payload as Terminal);
    });
    const handlers = createDeviceHandlers({ inventory, bus, secrets: createMemorySecretStore(), health, discovery });
    expect((await handlers['devices:set-label']({ serial: 'B-1', label: 'Gate 3' })).label).toBe('Gate 3');
    expect(heard.map((t) => t.label)).toEqual(['Gate 3']);
    const refused = await handlers['devices:set-label']({ serial: 'B-9', label: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).details).toEqual({ messageCode: 'device.not-found', params: { serial: 'B-9' } });
  });

  it('applies the site default by forgetting only the ticked terminals’ own credentials, then checks them', async () => {
    ['B-1', 'B-2', 'S-1'].forEach((s) => inventory.save(terminal(s, s.startsWith('B') ? 'basip' : 'sophon')));
    const secrets = createMemorySecretStore();
    for (const s of ['B-1', 'B-2', 'S-1']) {
      await writeCredentials(secrets, terminalCredentialsKey(s), { username: 'own', password: 'p' });
    }
    await writeCredentials(secrets, defaultCredentialsKey('basip'), { username: 'admin', password: '123456' });
    const handlers = createDeviceHandlers({ inventory, bus: createEventBus(), secrets, health, discovery });
    const result = await handlers['devices:use-site-default']({ serials: ['B-1', 'S-1', 'GONE'] });
    expect(result).toEqual({ cleared: 2, kindsWithoutDefault: ['sophon'] });
    expect(await secrets.get(terminalCredentialsKey('B-1'))).toBeUndefined();
    expect(await secrets.get(terminalCredentialsKey('B-2'))).toBeDefined();
    expect(checked).toEqual([['B-1', 'S-1', 'GONE']]);
  });

  it('says which site defaults are saved, with the username and never the password', async () => {
    const secrets = createMemorySecretStore();
    await writeCredentials(secrets, defaultCredentialsKey('basip'), { username: 'admin', password: 's3cret-pw' });
    const handlers = createDeviceHandlers({ inventory, bus: createEventBus(), secrets, health, discovery });
    const defaults = await handlers['devices:site-defaults']({});
    expect(defaults).toEqual({ sophon: { saved: false, username: null }, basip: { saved: true, username: 'admin' } });
    expect(JSON.stringify(defaults)).not.toContain('s3cret-pw');
  });

  it('exports only the ticked terminals, or all of them', async () => {
    ['B-1', 'B-2', 'S-1'].forEach((s) => inventory.save(terminal(s, s.startsWith('B') ? 'basip' : 'sophon')));
    const handlers = createDeviceHandlers(
      { inventory, bus: createEventBus(), secrets: createMemorySecretStore(), health, discovery },
      () => Date.UTC(2026, 4, 2),
    );
    const some = await handlers['devices:export']({ serials: ['B-2', 'S-1'], format: 'csv' });
    expect(some.rows).toBe(2);
    expect(some.fileName).toBe('terminals-2026-05-02.csv');
    expect(some.content).toContain(',B-2,');
    expect(some.content).not.toContain(',B-1,');
    expect(some.encoding).toBe('utf8');
    expect((await handlers['devices:export']({ format: 'csv' })).rows).toBe(3);
  });

  it('exports an Excel workbook as base64 bytes, named .xlsx', async () => {
    ['B-1', 'B-2', 'S-1'].forEach((s) => inventory.save(terminal(s, s.startsWith('B') ? 'basip' : 'sophon')));
    const handlers = createDeviceHandlers(
      { inventory, bus: createEventBus(), secrets: createMemorySecretStore(), health, discovery },
      () => Date.UTC(2026, 4, 2),
    );
    const file = await handlers['devices:export']({ serials: ['B-2', 'S-1'], format: 'xlsx' });
    expect(file).toMatchObject({ fileName: 'terminals-2026-05-02.xlsx', encoding: 'base64', rows: 2 });
    const bytes = Buffer.from(file.content, 'base64');
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04])); // a zip, as every .xlsx
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    // exceljs types its input as its own global `Buffer` (extends ArrayBuffer), which Node's Buffer no longer matches.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const serials = workbook.getWorksheet('Terminals')?.getColumn(4).values.slice(2);
    expect(serials?.sort()).toEqual(['B-2', 'S-1']);
  });

  it('cancels a running add by its request id, and only that one', async () => {
    const handlers = createDeviceHandlers({
      inventory,
      bus: createEventBus(),
      secrets: createMemorySecretStore(),
      health,
      discovery,
    });
    const running = handlers['devices:add']({ address: '10.9.9.9', requestId: 'r1' }).catch((e: unknown) => e);
    expect(await handlers['devices:cancel-add']({ requestId: 'other' })).toEqual({ cancelled: false });
    expect(await handlers['devices:cancel-add']({ requestId: 'r1' })).toEqual({ cancelled: true });
    expect(((await running) as AppError).code).toBe('CANCELLED');
    expect(await handlers['devices:cancel-add']({ requestId: 'r1' })).toEqual({ cancelled: false });
  });
});
