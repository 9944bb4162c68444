import { z } from 'zod';
import {
  OperationSelectionSchema,
  SyncDiscardRequestSchema,
  SyncListRequestSchema,
  SyncNowResultSchema,
  SyncPageSchema,
  SyncStatusSchema,
} from '../../domain/sync.ts';
import { channel, Empty } from './channel.ts';

/** The sync channels: the sync queue: status, pages, sync now, retry, discard. */
export const syncChannels = {
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
  'sync:wait': channel(
    Empty,
    z.object({ idle: z.literal(true) }),
    'Wait until the work sync:now or sync:retry put back has nothing more to do in this process right now.',
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
} as const;

/** Events of the sync domain, with their payload schemas. */
export const syncEvents = {
  'sync:changed': SyncStatusSchema,
} as const;
