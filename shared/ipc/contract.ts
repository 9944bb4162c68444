import { appChannels, appEvents } from './contract/app.ts';
import { cloudChannels, cloudEvents } from './contract/cloud.ts';
import { devicesChannels, devicesEvents } from './contract/devices.ts';
import { discoveryChannels, discoveryEvents } from './contract/discovery.ts';
import { filesChannels, filesEvents } from './contract/files.ts';
import { jobsChannels, jobsEvents } from './contract/jobs.ts';
import { peopleChannels, peopleEvents } from './contract/people.ts';
import { permissionsChannels, permissionsEvents } from './contract/permissions.ts';
import { removalChannels, removalEvents } from './contract/removal.ts';
import { reportChannels, reportEvents } from './contract/report.ts';
import { settingsChannels, settingsEvents } from './contract/settings.ts';
import { statusChannels, statusEvents } from './contract/status.ts';
import { syncChannels, syncEvents } from './contract/sync.ts';

export type { ChannelSpec } from './contract/channel.ts';

/**
 * Every domain's part of the contract (`contract/<domain>.ts`), in contract order. A name declared twice
 * fails the contract test (electron/core/ipc/contract.test.ts).
 */
export const CONTRACT_PARTS = [
  { channels: appChannels, events: appEvents },
  { channels: settingsChannels, events: settingsEvents },
  { channels: statusChannels, events: statusEvents },
  { channels: devicesChannels, events: devicesEvents },
  { channels: discoveryChannels, events: discoveryEvents },
  { channels: jobsChannels, events: jobsEvents },
  { channels: removalChannels, events: removalEvents },
  { channels: peopleChannels, events: peopleEvents },
  { channels: cloudChannels, events: cloudEvents },
  { channels: permissionsChannels, events: permissionsEvents },
  { channels: syncChannels, events: syncEvents },
  { channels: reportChannels, events: reportEvents },
  { channels: filesChannels, events: filesEvents },
] as const;

/**
 * Every request/response channel of the app, named once (per domain in `contract/`). Main (IPC), the browser
 * host (WebSocket) and the CLI all serve exactly this map; the preload exposes exactly these names.
 */
export const channels = {
  ...appChannels,
  ...settingsChannels,
  ...statusChannels,
  ...devicesChannels,
  ...discoveryChannels,
  ...jobsChannels,
  ...removalChannels,
  ...peopleChannels,
  ...cloudChannels,
  ...permissionsChannels,
  ...syncChannels,
  ...reportChannels,
  ...filesChannels,
} as const;

/**
 * Every event the core pushes to the user interface, with its payload schema.
 * Events carry counts and small records, never whole result sets.
 */
export const events = {
  ...appEvents,
  ...settingsEvents,
  ...statusEvents,
  ...devicesEvents,
  ...discoveryEvents,
  ...jobsEvents,
  ...removalEvents,
  ...peopleEvents,
  ...cloudEvents,
  ...permissionsEvents,
  ...syncEvents,
  ...reportEvents,
  ...filesEvents,
} as const;

/** The whole contract: every channel and every event. */
export const CONTRACT = { channels, events } as const;
