import type { Api, Channel, EventName } from '../../../../shared/ipc/types.ts';
import type { Result } from '../../../../shared/result.ts';

/** What a fake channel answers: a fixed Result, or a function of the request (may be async). */
export type FakeAnswer = Result<unknown> | ((request: never) => Result<unknown> | Promise<Result<unknown>>);

/** Answers of the channels the bridge loads at start, so a test only names what it cares about. */
export const BRIDGE_DEFAULTS: Partial<Record<Channel, FakeAnswer>> = {
  'settings:get': { ok: true, value: { language: 'en', siteAdapters: [] } },
  'status:get': {
    ok: true,
    value: { siteAdapters: [], cloud: 'unknown', queuedOperations: 0, attentionOperations: 0 },
  },
  'devices:list': { ok: true, value: [] },
  'discovery:state': { ok: true, value: { browsing: false, adapters: [], serviceTypes: [] } },
  'network:adapters': { ok: true, value: [] },
  'sync:status': {
    ok: true,
    value: {
      counts: { queued: 0, running: 0, done: 0, 'needs-attention': 0, discarded: 0 },
      targets: [],
      clouds: [],
      lastSyncAt: null,
      syncing: false,
    },
  },
};

/**
 * An in-memory {@link Api} for unit tests: records every call, answers from `answers` (then
 * {@link BRIDGE_DEFAULTS}), and lets the test push events to the listeners.
 */
export function fakeApi(answers: Partial<Record<Channel, FakeAnswer>> = {}) {
  const listeners = new Map<EventName, ((payload: never) => void)[]>();
  const calls: [string, unknown][] = [];
  const api: Api = {
    invoke: async (channel, request) => {
      calls.push([channel, request]);
      const answer = answers[channel] ?? BRIDGE_DEFAULTS[channel];
      if (answer === undefined) throw new Error(`The fake Api has no answer for ${channel}.`);
      return (typeof answer === 'function' ? await answer(request as never) : answer) as never;
    },
    on: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: never) => void]);
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((l) => l !== listener),
        );
    },
  };
  const push = (event: EventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload as never);
  };
  return { api, calls, push, listeners };
}
