import { z } from 'zod';
import {
  CheckDevicesRequestSchema,
  DeviceExportRequestSchema,
  DeviceExportSchema,
  SetLabelRequestSchema,
  SiteDefaultsSchema,
  UseSiteDefaultRequestSchema,
  UseSiteDefaultResultSchema,
} from '../../domain/device-actions.ts';
import { AddDeviceRequestSchema, CredentialsInputSchema, PeoplePageSchema } from '../../domain/discovery.ts';
import { TerminalSchema } from '../../domain/terminal.ts';
import { channel, Empty } from './channel.ts';

/** The devices channels: the site inventory of terminals: add, trust, credentials, labels, people, export. */
export const devicesChannels = {
  'devices:list': channel(Empty, z.array(TerminalSchema), 'Every terminal in the site inventory.'),
  'devices:check-all': channel(
    Empty,
    z.array(TerminalSchema),
    'Probe every terminal in the inventory now (online, login); answers the inventory as it is after the probe.',
  ),
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
  'devices:export': channel(
    DeviceExportRequestSchema,
    DeviceExportSchema,
    'The terminal list as a file: CSV text (utf8) or an Excel workbook (xlsx, its bytes as base64).',
  ),
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
} as const;

/** Events of the devices domain, with their payload schemas. */
export const devicesEvents = {
  'devices:updated': TerminalSchema,
  'devices:removed': z.object({ serial: z.string() }),
} as const;
