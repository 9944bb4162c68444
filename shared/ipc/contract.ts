import { z } from 'zod';
import { AppInfoSchema } from '../domain/app-info.ts';
import { JobProgressSchema } from '../domain/job.ts';
import { SettingsPatchSchema, SettingsSchema } from '../domain/settings.ts';
import { AppStatusSchema, NetworkAdapterSchema } from '../domain/status.ts';
import { TerminalSchema } from '../domain/terminal.ts';

/** A request/response channel: named `domain:verb`, one object argument, a typed answer. */
export interface ChannelSpec<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  description: string;
}

function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  description: string,
): ChannelSpec<Req, Res> {
  return { request, response, description };
}

const Empty = z.object({}).strict();

/**
 * Every request/response channel of the app, named once. Main (IPC), the browser host (WebSocket)
 * and the CLI all serve exactly this map; the preload exposes exactly these names.
 */
export const channels = {
  'app:info': channel(Empty, AppInfoSchema, 'Version, platform and data directory of the running app.'),
  'settings:get': channel(Empty, SettingsSchema, 'The persisted user settings.'),
  'settings:update': channel(SettingsPatchSchema, SettingsSchema, 'Change some settings; answers all of them.'),
  'status:get': channel(Empty, AppStatusSchema, 'What the status bar shows.'),
  'network:adapters': channel(Empty, z.array(NetworkAdapterSchema), 'The IPv4 adapters of this computer.'),
} as const;

/**
 * Every event the core pushes to the user interface, with its payload schema.
 * Events carry counts and small records, never whole result sets.
 */
export const events = {
  'settings:changed': SettingsSchema,
  'status:changed': AppStatusSchema,
  'jobs:progress': JobProgressSchema,
  'devices:updated': TerminalSchema,
  'devices:removed': z.object({ serial: z.string() }),
} as const;
