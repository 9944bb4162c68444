import { z } from 'zod';
import {
  BrowseRequestSchema,
  PermissionPageSchema,
  PersonPermissionsSchema,
  PersonRequestSchema,
  RepushPersonRequestSchema,
  RepushPersonSchema,
} from '../../domain/permission-browser.ts';
import {
  ChannelViewSchema,
  PushRequestSchema,
  PushTasksRequestSchema,
  PushTasksSchema,
  RetryPushSchema,
  TaskDetailRequestSchema,
  TaskDetailSchema,
} from '../../domain/permissions.ts';
import { channel, Empty } from './channel.ts';

/** The permissions channels: tuya permission pushes, their tasks, and the permission browser. */
export const permissionsChannels = {
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
} as const;

/** Events of the permissions domain, with their payload schemas. */
export const permissionsEvents = {} as const;
