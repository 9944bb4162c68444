import { z } from 'zod';
import {
  PeopleFindRequestSchema,
  PeopleFindResultSchema,
  PeopleIndexStatusSchema,
  PeopleRefreshRequestSchema,
} from '../../domain/people-index.ts';
import { channel, Empty } from './channel.ts';

/** How reading one terminal into the index ended. */
export const TerminalRefreshSchema = z.object({
  serial: z.string(),
  ok: z.boolean(),
  people: z.number().int().nonnegative(),
  /** Raw code of the failure (`offline`, `read:incomplete`, the driver's code), null on success. */
  code: z.string().nullable(),
  error: z.string().nullable(),
});

/** The people channels: the site people index: status, refresh, find. */
export const peopleChannels = {
  'people:status': channel(
    Empty,
    PeopleIndexStatusSchema,
    'The site people index: per trusted terminal when its list was last read completely, how many, whether it is stale.',
  ),
  'people:refresh': channel(
    PeopleRefreshRequestSchema.extend({
      /** Answer only once the refresh has ended, with each terminal's result (the CLI); else at once. */
      wait: z.boolean().optional(),
    }).strict(),
    z.object({ jobId: z.string(), results: z.array(TerminalRefreshSchema).optional() }),
    "Read every trusted terminal's people (or the named ones) into the index, as a job (progress on jobs:progress); with wait, answers when it ends, with each terminal's result.",
  ),
  'people:find': channel(
    PeopleFindRequestSchema,
    PeopleFindResultSchema,
    'Find people across the site by name (Chinese or pinyin), any id, or a list: per person every terminal holding them, with its id.',
  ),
} as const;

/** Events of the people domain, with their payload schemas. */
export const peopleEvents = {} as const;
