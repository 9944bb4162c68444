import { z } from 'zod';

/** Name of the single Electron IPC channel prefix; every contract channel is sent as `fcom:<channel>`. */
export const IPC_PREFIX = 'fcom:';

/** A request frame sent by the browser client to the host over WebSocket. */
export const WireRequestSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  request: z.unknown(),
});

/** A request frame sent by the browser client to the host over WebSocket. */
export type WireRequest = z.infer<typeof WireRequestSchema>;

/** The frames the host sends to the browser client: a result for an invoke, or an event. */
export type WireMessage =
  { type: 'result'; id: number; result: unknown } | { type: 'event'; event: string; payload: unknown };
