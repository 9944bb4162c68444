import { z } from 'zod';
import { BrowsingStateSchema } from '../../domain/discovery.ts';
import { TerminalSchema } from '../../domain/terminal.ts';
import { channel, Empty } from './channel.ts';

/** The discovery channels: finding terminals: mDNS browsing and subnet sweeps. */
export const discoveryChannels = {
  'discovery:start': channel(
    z.object({ adapters: z.array(z.string().min(1).max(64)).max(32).optional() }).strict(),
    BrowsingStateSchema,
    'Start mDNS browsing on the chosen (or site) adapters.',
  ),
  'discovery:stop': channel(Empty, BrowsingStateSchema, 'Stop mDNS browsing.'),
  'discovery:state': channel(Empty, BrowsingStateSchema, 'Whether mDNS browsing runs, and where.'),
  'discovery:settle': channel(
    Empty,
    z.object({ settled: z.literal(true) }),
    'Wait until every terminal mDNS has announced so far is identified and saved in the inventory (after discovery:stop).',
  ),
  'discovery:sweep': channel(
    z
      .object({
        cidr: z.string().trim().min(1).max(64),
        /** Answer only once the sweep has ended, with the terminals it found (the CLI); else at once. */
        wait: z.boolean().optional(),
      })
      .strict(),
    z.object({ jobId: z.string(), terminals: z.array(TerminalSchema).optional() }),
    'Sweep a subnet (at most /22) for terminals, as a cancellable job; with wait, answers when it ends, with the terminals found.',
  ),
} as const;

/** Events of the discovery domain, with their payload schemas. */
export const discoveryEvents = {} as const;
