import { channels, events } from './contract.ts';
import type { Channel, EventName } from './types.ts';

/** Every channel name, in contract order. */
export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

/** Every event name, in contract order. */
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** Narrows an untrusted string to a channel name. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** Narrows an untrusted string to an event name. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
