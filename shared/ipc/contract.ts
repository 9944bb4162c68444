import { z } from 'zod';
import { AppInfoSchema } from '../domain/app-info.ts';
import { JobProgressSchema } from '../domain/job.ts';
import {
  ExportFormatSchema,
  JobDetailSchema,
  JobExportSchema,
  JobRefSchema,
  JobShowRequestSchema,
  JobSummarySchema,
  RemovalPlanSchema,
  RemovalRequestSchema,
} from '../domain/removal.ts';
import { SettingsPatchSchema, SettingsSchema } from '../domain/settings.ts';
import { AppStatusSchema, NetworkAdapterSchema } from '../domain/status.ts';
import { TerminalSchema } from '../domain/terminal.ts';
import {
  AddDeviceRequestSchema,
  BrowsingStateSchema,
  CredentialsInputSchema,
  PeoplePageSchema,
} from '../domain/discovery.ts';

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
  'devices:list': channel(Empty, z.array(TerminalSchema), 'Every terminal in the site inventory.'),
  'devices:add': channel(
    AddDeviceRequestSchema,
    TerminalSchema,
    'Add a terminal by IP, IP:port or URL, detecting its kind.',
  ),
  'devices:forget': channel(
    z.object({ serial: z.string().min(1).max(128) }).strict(),
    z.object({ forgotten: z.boolean() }),
    'Remove a terminal from the inventory.',
  ),
  'devices:people': channel(
    z
      .object({
        serial: z.string().min(1).max(128),
        pageIndex: z.number().int().min(0).max(1_000_000),
        pageSize: z.number().int().min(1).max(100),
      })
      .strict(),
    PeoplePageSchema,
    'One page of the people stored on a terminal (pages from 0).',
  ),
  'devices:set-credentials': channel(
    z
      .object({
        target: z.union([
          z.object({ serial: z.string().min(1).max(128) }).strict(),
          z.object({ kind: z.enum(['sophon', 'basip']) }).strict(),
        ]),
        credentials: CredentialsInputSchema,
      })
      .strict(),
    z.object({ saved: z.literal(true) }),
    "Save a terminal's credentials, or the site default for a kind.",
  ),
  'discovery:start': channel(
    z.object({ adapters: z.array(z.string().min(1).max(64)).max(32).optional() }).strict(),
    BrowsingStateSchema,
    'Start mDNS browsing on the chosen (or site) adapters.',
  ),
  'discovery:stop': channel(Empty, BrowsingStateSchema, 'Stop mDNS browsing.'),
  'discovery:state': channel(Empty, BrowsingStateSchema, 'Whether mDNS browsing runs, and where.'),
  'discovery:sweep': channel(
    z.object({ cidr: z.string().trim().min(1).max(64) }).strict(),
    z.object({ jobId: z.string() }),
    'Sweep a subnet (at most /22) for terminals, as a cancellable job.',
  ),
  'jobs:cancel': channel(
    z.object({ jobId: z.string().min(1).max(64) }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancel a running job.',
  ),
  'removal:plan': channel(
    RemovalRequestSchema,
    RemovalPlanSchema,
    'Dry run of a bulk removal: per terminal how many items, which terminals are offline, the estimated time.',
  ),
  'removal:start': channel(
    RemovalRequestSchema,
    z.object({ jobId: z.string(), plan: RemovalPlanSchema }),
    'Journal every item of a bulk removal, then run it as a job (progress on jobs:progress).',
  ),
  'jobs:list': channel(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.array(JobSummarySchema),
    'The journaled jobs, newest first, with counts per outcome.',
  ),
  'jobs:show': channel(
    JobShowRequestSchema,
    JobDetailSchema,
    "One page of a job's items, filtered by outcome or terminal.",
  ),
  'jobs:pause': channel(JobRefSchema, JobSummarySchema, 'Pause a running job: no new request starts.'),
  'jobs:resume': channel(
    JobRefSchema,
    JobSummarySchema,
    'Resume a paused job, or one a crash interrupted (unanswered requests are re-checked, never re-sent blindly).',
  ),
  'jobs:retry-failed': channel(
    JobRefSchema,
    z.object({ jobId: z.string(), retried: z.number().int().nonnegative() }),
    "Send a job's failed items again (not those that had no id for their terminal).",
  ),
  'jobs:export': channel(
    z.object({ jobId: z.string().min(1).max(64), format: ExportFormatSchema }).strict(),
    JobExportSchema,
    "A job's report, one row per item, as CSV or JSON text.",
  ),
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
