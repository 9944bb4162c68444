import { join } from 'node:path';
import type { AppInfo, AppTarget } from '../../shared/domain/app-info.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import { APP_VERSION, PRODUCT_NAME } from './app-info.ts';
import { openDatabase } from './db/database.ts';
import { createEventBus } from './events/event-bus.ts';
import { createHandlers } from './handlers.ts';
import type { InterfaceReader } from './network/adapters.ts';
import type { CoreServices } from './services.ts';
import { createSettingsService } from './settings/settings-service.ts';
import { createStatusService } from './status/status-service.ts';

/** What a shell (Electron main, browser host, CLI) passes in to build the core. */
export interface CoreOptions {
  dataDir: string;
  target: AppTarget;
  /** Overrides the app version (Electron passes `app.getVersion()`). */
  version?: string;
  /** Reads network interfaces; tests pass a fixed table. */
  readInterfaces?: InterfaceReader;
  /** Where listener failures are reported. */
  onError?: (error: unknown) => void;
}

/** The built core: its services, the handler map every transport serves, and a way to shut down. */
export interface Core {
  services: CoreServices;
  handlers: Handlers;
  appInfo(): AppInfo;
  close(): void;
}

/** File name of the local database inside the data directory. */
export const DATABASE_FILE = 'fcom.sqlite';

/**
 * The composition root shared by every shell: builds each core service once, wiring dependencies
 * through constructors. Nothing here imports Electron.
 */
export function createCore(options: CoreOptions): Core {
  const bus = createEventBus(options.onError);
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const settings = createSettingsService(db, bus);
  const status = createStatusService(db, settings, bus, options.readInterfaces);
  const services: CoreServices = { db, bus, settings, status, readInterfaces: options.readInterfaces };

  const appInfo = (): AppInfo => ({
    name: PRODUCT_NAME,
    version: options.version ?? APP_VERSION,
    target: options.target,
    platform: process.platform,
    arch: process.arch,
    nodeVersion: process.versions.node,
    dataDir: options.dataDir,
    databaseSchemaVersion: db.schemaVersion,
  });

  return {
    services,
    handlers: createHandlers(services, appInfo),
    appInfo,
    close: () => db.close(),
  };
}
