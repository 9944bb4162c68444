import { z } from 'zod';

/** A request/response channel: named `domain:verb`, one object argument, a typed answer. */
export interface ChannelSpec<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  description: string;
}

/** Declares one channel of the contract (used by every domain file beside it). */
export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  description: string,
): ChannelSpec<Req, Res> {
  return { request, response, description };
}

/** The request of a channel that takes no argument: exactly `{}`. */
export const Empty = z.object({}).strict();
