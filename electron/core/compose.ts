import { join } from 'node:path';
import type { AppInfo, AppTarget } from '../../shared/domain/app-info.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import { APP_VERSION, PRODUCT_NAME } from './app-info.ts';
import { createSharedTokenStore } from './cloud/aliyun/shared-token.ts';
import { createCloudConfig, type CloudClientOverrides } from './cloud/cloud-config.ts';
import { createCloudJobs, type CloudJobTuning } from './cloud/jobs/cloud-jobs.ts';
import {
  createAliyunSyncSource,
  createPushSyncSource,
  supersedeEarlierPushes,
} from './cloud/jobs/cloud-sync-sources.ts';
import { openDatabase } from './db/database.ts';
import { createEventBus } from './events/event-bus.ts';
import { createHandlers } from './handlers.ts';
import { createDiscoveryService } from './discovery/discovery-service.ts';
import { createHealthMonitor } from './discovery/health-monitor.ts';
import { mdnsPolicyFromEnv, type MdnsPolicy } from './discovery/mdns-policy.ts';
import { createDrivers } from './drivers/registry.ts';
import { createInventoryRepository } from './inventory/inventory-repository.ts';
import { createJobLeases } from './jobs/job-leases.ts';
import { createJobEngine } from './jobs/engine.ts';
import { prepareDataDir } from './data-dir.ts';
import { limitHeapGrowth } from './heap-growth.ts';
import type { BackoffPolicy } from './jobs/backoff.ts';
import { createRemovalService } from './removal/removal-service.ts';
import { createRemovalDraftService } from './removal-drafts/service.ts';
import { createPeopleIndexService, type PeopleIndexDeps } from './people-index/service.ts';
import { createRemovalSyncSource } from './removal/sync-source.ts';
import { createReportService } from './report/report-service.ts';
import { createSessionFactory, type DriverFactory } from './removal/sessions.ts';
import { saveAndAnnounce } from './discovery/terminal-observer.ts';
import { listIpv4Adapters, selectSiteAdapters, type InterfaceReader } from './network/adapters.ts';
import { createEncryptedFileStore, SECRET_KEY_ENV } from './secrets/encrypted-file-store.ts';
import { requireUnlocked, type SecretStore } from './secrets/secret-store.ts';
import type { CoreServices } from './services.ts';
import { createSettingsService } from './settings/settings-service.ts';
import { createStatusService } from './status/status-service.ts';
import { actorName } from './sync/actor.ts';
import { watchConfiguredClouds } from './sync/cloud-watch.ts';
import type { ConnectivityTiming } from './sync/connectivity.ts';
import { createSyncHistory } from './jobs/sync-history.ts';
import { createSyncService } from './sync/sync-service.ts';
import { systemMacLookup, type MacLookup } from './network/neighbours.ts';

/** What a shell (Electron main, browser host, CLI) passes in to build the core. */
export interface CoreOptions {
  dataDir: string;
  target: AppTarget;
  /** Overrides the app version (Electron passes `app.getVersion()`). */
  version?: string;
  /** Reads network interfaces; tests pass a fixed table. */
  readInterfaces?: InterfaceReader;
  /** The neighbour table for MAC pinning (default: the system's; tests pass their own). */
  macOf?: MacLookup;
  /** Where listener failures are reported. */
  onError?: (error: unknown) => void;
  /** Where credentials live (Electron passes safeStorage); default: an encrypted file in the data dir. */
  secrets?: SecretStore;
  /** When mDNS may run; default from FCOM_MDNS. */
  mdnsPolicy?: MdnsPolicy;
  /** Per-request timeout for terminals, in milliseconds. */
  terminalTimeoutMs?: number;
  /**
   * Resume removal jobs a crash left running, at once; default: only in the browser host. The CLI resumes with
   * `fcom jobs resume`; Electron main asks first (electron/main/resume-on-start.ts, via jobs:list/jobs:resume).
   */
  resumeJobs?: boolean;
  /** Tuning of the removal engine for tests: back-off, probing while items wait, drivers. */
  removal?: { backoff?: BackoffPolicy; waitingProbeMs?: number; drivers?: DriverFactory; roundItems?: number };
  /** Tuning of the site people index for tests: pacing, parallel reads, maximum age; background refresh. */
  peopleIndex?: Pick<PeopleIndexDeps, 'tuning' | 'maxAgeMs'> & { backgroundMs?: number };
  /** Tuning of the cloud clients and cloud jobs for tests (clocks, waits, polling). */
  cloud?: { clients?: CloudClientOverrides; jobs?: CloudJobTuning };
  /** Timing of the sync queue for tests: cloud probe back-off, how often `sync:changed` may be published. */
  sync?: { connectivity?: Partial<ConnectivityTiming>; publishIntervalMs?: number };
  now?: () => number;
}

/** The built core: its services, the handler map every transport serves, and a way to shut down. */
export interface Core {
  services: CoreServices;
  handlers: Handlers;
  appInfo(): AppInfo;
  /** Stops background work and closes the database. */
  close(): Promise<void>;
}

/** File name of the local database inside the data directory. */
export const DATABASE_FILE = 'fcom.sqlite';

/** File name of the encrypted credential store of the CLI and host. */
export const SECRETS_FILE = 'secrets.json';

/** The lock file (a folder made by proper-lockfile) under which one process renews the shared Alibaba token. */
export const ALIYUN_TOKEN_LOCK = 'aliyun-token';

/** Default per-request timeout for terminals: they are small computers on a LAN. */
export const DEFAULT_TERMINAL_TIMEOUT_MS = 4_000;

/**
 * The composition root shared by every shell: builds each core service once, wiring dependencies
 * through constructors. Nothing here imports Electron.
 */
export function createCore(options: CoreOptions): Core {
  // Every shell's process (Electron main, browser host, CLI): a removal job's garbage kept near its live heap.
  limitHeapGrowth();
  const bus = createEventBus(options.onError);
  prepareDataDir(options.dataDir, [DATABASE_FILE]);
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  // One process runs a job at a time: the app, the browser host and fcom may share this data directory.
  const leases = createJobLeases({ db, target: options.target });
  const settings = createSettingsService(db, bus);
  const status = createStatusService(settings, bus, options.readInterfaces);
  const now = options.now ?? Date.now;
  const timeoutMs = options.terminalTimeoutMs ?? DEFAULT_TERMINAL_TIMEOUT_MS;
  const secrets =
    options.secrets ?? createEncryptedFileStore(join(options.dataDir, SECRETS_FILE), process.env[SECRET_KEY_ENV]);
  const drivers = createDrivers({ timeoutMs });
  const inventory = createInventoryRepository(db);
  const jobs = createJobEngine({ db, bus, leases, now });
  const macOf = options.macOf ?? systemMacLookup();
  const observer = { inventory, drivers, secrets, bus, timeoutMs, now, macOf };
  const discovery = createDiscoveryService({
    ...observer,
    jobs: jobs.transient,
    mdnsPolicy: options.mdnsPolicy ?? mdnsPolicyFromEnv(),
    siteAdapters: () => selectSiteAdapters(listIpv4Adapters(options.readInterfaces), settings.get().siteAdapters),
    extraServiceTypes: () => [],
  });
  const health = createHealthMonitor(observer);
  const sessionFor = createSessionFactory(secrets, options.removal?.drivers, (serial) => inventory.get(serial), macOf);
  const peopleIndex = createPeopleIndexService({
    db,
    inventory,
    jobs: jobs.transient,
    sessionFor,
    now,
    tuning: options.peopleIndex?.tuning,
    maxAgeMs: options.peopleIndex?.maxAgeMs,
  });
  const removal = createRemovalService({
    db,
    bus,
    inventory,
    settings,
    sessionFor,
    resolvePeople: (items, targets, match, confirm) => peopleIndex.resolve(items, targets, match, confirm),
    markOffline: (serial) => {
      const terminal = inventory.get(serial);
      if (terminal?.online) saveAndAnnounce({ inventory, bus }, { ...terminal, online: false });
    },
    probeTerminals: () => health.checkAll(),
    waitingProbeMs: options.removal?.waitingProbeMs,
    backoff: options.removal?.backoff,
    roundItems: options.removal?.roundItems,
    engine: jobs,
    now,
  });
  const sync = createSyncService({
    bus,
    status,
    inventory,
    probeTerminals: () => health.checkAll(),
    actor: actorName(options.target),
    connectivity: options.sync?.connectivity,
    publishIntervalMs: options.sync?.publishIntervalMs,
    now,
  });
  sync.register(createRemovalSyncSource(db, removal, jobs));
  const syncHistory = createSyncHistory(db);
  const report = createReportService({
    sync,
    history: syncHistory,
    terminals: () => inventory.list(),
    site: () => inventory.siteName(),
    appVersion: options.version ?? APP_VERSION,
    now,
  });
  const cloudConfig = createCloudConfig({
    settings,
    secrets,
    overrides: options.cloud?.clients,
    // One Alibaba project token per data directory: the app, the host and fcom stop revoking each other's.
    sharedAliyunToken: (appKey, appSecret, projectId) =>
      createSharedTokenStore(secrets, join(options.dataDir, ALIYUN_TOKEN_LOCK), appKey, appSecret, projectId),
  });
  const cloudJobs = createCloudJobs({
    db,
    bus,
    settings,
    status,
    config: cloudConfig,
    ...options.cloud?.jobs,
    engine: jobs,
    now,
    onJournaled: (jobId) => supersedeEarlierPushes(db, sync, jobId),
  });
  // Each cloud's reachability from the one source the sync queue's cloud lines and the status bar read too.
  const cloudReachable = (cloud: string) => (): boolean => sync.connectivity.reachability(cloud) !== 'unreachable';
  const cloudSteering = { resume: jobs.resume, whenIdle: jobs.whenIdle, wake: cloudJobs.wake };
  sync.register(createPushSyncSource(db, cloudSteering, cloudReachable('tuya')));
  sync.register(createAliyunSyncSource(db, cloudSteering, cloudReachable('aliyun')));
  const stopWatchingClouds = watchConfiguredClouds(cloudConfig, sync.connectivity, options.onError);
  const services: CoreServices = {
    cloudConfig,
    cloudJobs,
    db,
    bus,
    settings,
    status,
    readInterfaces: options.readInterfaces,
    secrets,
    drivers,
    inventory,
    jobs,
    discovery,
    health,
    removal,
    removalDrafts: createRemovalDraftService({
      engine: removal,
      terminal: (serial) => inventory.get(serial),
      cloud: cloudJobs,
      now,
    }),
    peopleIndex,
    sync,
    syncHistory,
    report,
  };
  let closed = false;
  // The host keeps the people index fresh in the background (the CLI refreshes on demand).
  if (options.target !== 'cli') peopleIndex.startBackground(options.peopleIndex?.backgroundMs);
  if (options.resumeJobs ?? options.target === 'host') {
    const resume = (): void => {
      if (closed) return;
      jobs.resumeInterrupted();
    };
    // Only with the credentials open: a wrong passphrase must not run jobs whose every item would be refused.
    if (secrets.check) void requireUnlocked(secrets).then(resume, (error: unknown) => options.onError?.(error));
    else resume();
  }

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
    close: async () => {
      closed = true;
      health.stop();
      peopleIndex.close();
      stopWatchingClouds();
      sync.close();
      await jobs.close();
      await discovery.close();
      leases.close();
      db.close();
    },
  };
}
