import type { CloudConfigService } from './cloud/cloud-config.ts';
import type { CloudJobService } from './cloud/jobs/cloud-jobs.ts';
import type { Database } from './db/database.ts';
import type { DiscoveryService } from './discovery/discovery-service.ts';
import type { HealthMonitor } from './discovery/health-monitor.ts';
import type { TerminalDriver } from './drivers/driver.ts';
import type { EventBus } from './events/event-bus.ts';
import type { InventoryRepository } from './inventory/inventory-repository.ts';
import type { JobEngine } from './jobs/engine.ts';
import type { RemovalService } from './removal/removal-service.ts';
import type { RemovalDraftService } from './removal-drafts/service.ts';
import type { PeopleIndexService } from './people-index/service.ts';
import type { ReportService } from './report/report-service.ts';
import type { SyncHistory } from './jobs/sync-history.ts';
import type { SyncService } from './sync/sync-service.ts';
import type { InterfaceReader } from './network/adapters.ts';
import type { SecretStore } from './secrets/secret-store.ts';
import type { SettingsService } from './settings/settings-service.ts';
import type { StatusService } from './status/status-service.ts';

/** Every core service, built once by the composition root and handed to handlers and transports. */
export interface CoreServices {
  db: Database;
  bus: EventBus;
  settings: SettingsService;
  status: StatusService;
  readInterfaces: InterfaceReader | undefined;
  secrets: SecretStore;
  drivers: readonly TerminalDriver[];
  inventory: InventoryRepository;
  /** The one job engine: every journaled job kind plugs in; sweeps and index refreshes run as transient jobs. */
  jobs: JobEngine;
  discovery: DiscoveryService;
  health: HealthMonitor;
  removal: RemovalService;
  /** The removal lists (drafts) and reviewed plans the `removal:*` channels work on (the list stays in the core). */
  removalDrafts: RemovalDraftService;
  /** The site people index: who is on which terminal, with each terminal's own ids (issue 17). */
  peopleIndex: PeopleIndexService;
  /** Cloud accounts: settings, write-only credentials, clients (issue 6). */
  cloudConfig: CloudConfigService;
  /** Journaled cloud jobs: Tuya permission pushes, Alibaba face removals. */
  cloudJobs: CloudJobService;
  /** The sync queue over every job kind; cloud job kinds register their source here. */
  sync: SyncService;
  syncHistory: SyncHistory;
  report: ReportService;
}
