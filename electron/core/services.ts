import type { Database } from './db/database.ts';
import type { EventBus } from './events/event-bus.ts';
import type { InterfaceReader } from './network/adapters.ts';
import type { SettingsService } from './settings/settings-service.ts';
import type { StatusService } from './status/status-service.ts';

/** Every core service, built once by the composition root and handed to handlers and transports. */
export interface CoreServices {
  db: Database;
  bus: EventBus;
  settings: SettingsService;
  status: StatusService;
  readInterfaces: InterfaceReader | undefined;
}
