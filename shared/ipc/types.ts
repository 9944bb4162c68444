import type { z } from 'zod';
import type { Result } from '../result.ts';
import type { channels, events } from './contract.ts';

/** The name of a request/response channel. */
export type Channel = keyof typeof channels;

/** The name of an event. */
export type EventName = keyof typeof events;

/** What a caller passes on a channel (before defaults are applied). */
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;

/** What a handler receives on a channel (after validation and defaults). */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;

/** What a channel answers. */
export type ResponseOf<C extends Channel> = z.output<(typeof channels)[C]['response']>;

/** The payload of an event. */
export type EventPayloadOf<E extends EventName> = z.output<(typeof events)[E]>;

/** One handler per channel: a missing or mistyped handler is a compile error wherever this is built. */
export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};

/** Unsubscribes an event listener. */
export type Unsubscribe = () => void;

/**
 * What the renderer talks to: `window.api` in Electron (from the preload), or the WebSocket client
 * in the browser host. Both expose exactly the contract.
 */
export interface Api {
  /**
   * Which bridge this is: `electron` (the preload; `files:save-as` shows the native Save dialog) or `browser`
   * (the host's WebSocket; files are saved as downloads). Optional so test fakes may leave it out (= browser).
   */
  readonly platform?: 'electron' | 'browser';
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): Unsubscribe;
}
