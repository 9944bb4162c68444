import { z } from 'zod';
import { AppInfoSchema } from '../domain/app-info.ts';
import { CloudConfigSchema, CloudNameSchema, CloudTestResultSchema, SetCloudConfigSchema } from '../domain/cloud.ts';
import { JobProgressSchema } from '../domain/job.ts';
import {
  ChannelViewSchema,
  CloudRemovalRequestSchema,
  CloudRemovalStartedSchema,
  PushRequestSchema,
  PushTasksRequestSchema,
  PushTasksSchema,
  RetryPushSchema,
  TaskDetailRequestSchema,
  TaskDetailSchema,
} from '../domain/permissions.ts';
import {
  BrowseRequestSchema,
  PermissionPageSchema,
  PersonPermissionsSchema,
  PersonRequestSchema,
  RepushPersonRequestSchema,
  RepushPersonSchema,
} from '../domain/permission-browser.ts';
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
import { ParseInputRequestSchema, ParsedInputSchema } from '../domain/removal-input.ts';
import {
  PeopleFindRequestSchema,
  PeopleFindResultSchema,
  PeopleIndexStatusSchema,
  PeopleRefreshRequestSchema,
} from '../domain/people-index.ts';
import { SettingsPatchSchema, SettingsSchema } from '../domain/settings.ts';
import { AppStatusSchema, NetworkAdapterSchema } from '../domain/status.ts';
import {
  OperationSelectionSchema,
  SyncDiscardRequestSchema,
  SyncListRequestSchema,
  SyncNowResultSchema,
  SyncPageSchema,
  SyncStatusSchema,
} from '../domain/sync.ts';
import { ReportRequestSchema, ReportSchema } from '../domain/report.ts';
import { SaveFileRequestSchema, SaveFileResultSchema } from '../domain/files.ts';
import { TerminalSchema } from '../domain/terminal.ts';
import {
  CheckDevicesRequestSchema,
  DeviceExportRequestSchema,
  DeviceExportSchema,
  SetLabelRequestSchema,
  SiteDefaultsSchema,
  UseSiteDefaultRequestSchema,
  UseSiteDefaultResultSchema,
} from '../domain/device-actions.ts';
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
  'devices:trust': channel(
    z
      .object({
        serials: z.array(z.string().min(1).max(128)).min(1).max(1000),
        /** Move one terminal in conflict to its claimant's address (IP or IP:port) and trust it there. */
        address: z.string().min(1).max(300).optional(),
      })
      .strict(),
    z.array(TerminalSchema),
    'Trust terminals: pin their identity where they are (or, with an address, where the claimant answered) and send them credentials from now on.',
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
  'devices:cancel-add': channel(
    z.object({ requestId: z.string().min(1).max(64) }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancel a running "add by address" (its request id): it stops probing and saves nothing.',
  ),
  'devices:set-label': channel(
    SetLabelRequestSchema,
    TerminalSchema,
    "Set a terminal's location label (shown instead of its advertised name); blank text clears it.",
  ),
  'devices:export': channel(DeviceExportRequestSchema, DeviceExportSchema, 'The terminal list as CSV text.'),
  'devices:check': channel(
    CheckDevicesRequestSchema,
    z.array(TerminalSchema),
    'Probe these terminals now (online, credentials); answers them as they are after the probe.',
  ),
  'devices:use-site-default': channel(
    UseSiteDefaultRequestSchema,
    UseSiteDefaultResultSchema,
    "Forget these terminals' own credentials so the site default of their kind applies (trusted terminals only).",
  ),
  'devices:site-defaults': channel(
    Empty,
    SiteDefaultsSchema,
    'Whether a site default is saved per kind, and its username (never the password).',
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
  'removal:parse-input': channel(
    ParseInputRequestSchema,
    ParsedInputSchema,
    'Read a pasted list or an imported CSV/TSV file (base64 bytes): columns, suggested mapping, counts, errors by line, items.',
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
  'people:status': channel(
    Empty,
    PeopleIndexStatusSchema,
    'The site people index: per trusted terminal when its list was last read completely, how many, whether it is stale.',
  ),
  'people:refresh': channel(
    PeopleRefreshRequestSchema,
    z.object({ jobId: z.string() }),
    "Read every trusted terminal's people (or the named ones) into the index, as a job (progress on jobs:progress).",
  ),
  'people:find': channel(
    PeopleFindRequestSchema,
    PeopleFindResultSchema,
    'Find people across the site by name (Chinese or pinyin), any id, or a list: per person every terminal holding them, with its id.',
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
  'cloud:get-config': channel(
    Empty,
    CloudConfigSchema,
    'The cloud accounts: settings, and whether each credential is saved (never its value).',
  ),
  'cloud:set-config': channel(
    SetCloudConfigSchema,
    CloudConfigSchema,
    "Save one cloud's settings and credentials (a credential set to null is deleted); answers the new config.",
  ),
  'cloud:test': channel(
    z.object({ cloud: CloudNameSchema }).strict(),
    CloudTestResultSchema,
    'Test a cloud account end to end; a failure is a typed error saying what to fix.',
  ),
  'permissions:channels': channel(
    Empty,
    z.array(ChannelViewSchema),
    'The entrance and exit channels of the Tuya project.',
  ),
  'permissions:push': channel(
    PushRequestSchema,
    z.object({ jobId: z.string(), channels: z.number().int().nonnegative() }),
    'Journal a permission push (one item per channel), issue it and follow its tasks as a job.',
  ),
  'permissions:tasks': channel(
    PushTasksRequestSchema,
    PushTasksSchema,
    'The channels of a push job (default: the newest) with their outcomes and cloud tasks.',
  ),
  'permissions:task-detail': channel(
    TaskDetailRequestSchema,
    TaskDetailSchema,
    "A push task's counts, per-credential breakdown and one page of its per-person records.",
  ),
  'permissions:retry-failed': channel(
    z.object({ jobId: z.string().min(1).max(64) }).strict(),
    RetryPushSchema,
    'Push the failed channels of a push again, incrementally, as a new job.',
  ),
  'permissions:browse': channel(
    BrowseRequestSchema,
    PermissionPageSchema,
    'One page of the Tuya permissions matching the filters: who may pass which channel, and whether their face, card and fingerprint were sent.',
  ),
  'permissions:person': channel(
    PersonRequestSchema,
    PersonPermissionsSchema,
    'The person of one permission: its detail and every permission of that person, read from the Tuya cloud.',
  ),
  'permissions:repush-person': channel(
    RepushPersonRequestSchema,
    RepushPersonSchema,
    "Push again, incrementally as a journaled push job, the person's channels where something is not confirmed sent.",
  ),
  'cloud-removal:start': channel(
    CloudRemovalRequestSchema,
    CloudRemovalStartedSchema,
    'Journal an Alibaba Cloud face removal (one item per user and device or space) and run it as a job.',
  ),
  'sync:status': channel(
    Empty,
    SyncStatusSchema,
    'The sync queue: operations per state, targets with work and whether they answer, cloud connectivity.',
  ),
  'sync:list': channel(
    SyncListRequestSchema,
    SyncPageSchema,
    'One page of the sync queue (queued first, then needing attention), filtered by state or target.',
  ),
  'sync:now': channel(
    Empty,
    SyncNowResultSchema,
    'Probe every terminal and cloud now, then resume the queued work of those that answer.',
  ),
  'sync:retry': channel(
    z.object({ selection: OperationSelectionSchema }).strict(),
    z.object({ retried: z.number().int().nonnegative() }),
    'Put operations that need attention back to work with fresh attempts.',
  ),
  'sync:discard': channel(
    SyncDiscardRequestSchema,
    z.object({ discarded: z.number().int().nonnegative() }),
    'Discard queued or needs-attention operations (confirm: true); they stay in the history with who and when.',
  ),
  'report:build': channel(
    ReportRequestSchema,
    ReportSchema,
    'The commissioning report of a site visit as printable HTML or CSV text.',
  ),
  'files:save-as': channel(
    SaveFileRequestSchema,
    SaveFileResultSchema,
    'Desktop app only: save text through the native Save dialog (the user picks the folder); the browser downloads instead.',
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
  'sync:changed': SyncStatusSchema,
} as const;
