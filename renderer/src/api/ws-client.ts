import { isChannel, isEventName } from '../../../shared/ipc/names.ts';
import type { Api, EventName, EventPayloadOf } from '../../../shared/ipc/types.ts';
import type { WireMessage } from '../../../shared/ipc/wire.ts';
import type { Result } from '../../../shared/result.ts';

type Listener = (payload: never) => void;

/** `details` of the error a call gets when the host itself is unreachable (not a terminal). */
export const HOST_LOST_DETAILS = { transport: 'host' } as const;

const NETWORK_LOST: Result<never> = {
  ok: false,
  error: {
    code: 'NETWORK',
    message: 'The connection to the Face Commissioner host was lost.',
    details: HOST_LOST_DETAILS,
  },
};

/**
 * The contract over the browser host's WebSocket: the same `Api` the preload gives the Electron
 * window. A call made while disconnected waits for the next connection attempt; a refused or dropped
 * connection fails the calls in flight with a NETWORK error, and the client reconnects with backoff.
 */
export function createWebSocketApi(wsUrl: string): Api {
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket | undefined> | undefined;
  let nextId = 1;
  let retryDelayMs = 250;
  const pending = new Map<number, (result: Result<never>) => void>();
  const listeners = new Map<EventName, Set<Listener>>();

  const connect = (): Promise<WebSocket | undefined> => {
    opened ??= new Promise<WebSocket | undefined>((resolve) => {
      const ws = new WebSocket(wsUrl);
      ws.addEventListener('open', () => {
        socket = ws;
        retryDelayMs = 250;
        resolve(ws);
      });
      ws.addEventListener('message', (message) => receive(String(message.data)));
      ws.addEventListener('close', () => {
        socket = undefined;
        opened = undefined;
        resolve(undefined);
        for (const settle of pending.values()) settle(NETWORK_LOST);
        pending.clear();
        setTimeout(() => void connect(), retryDelayMs);
        retryDelayMs = Math.min(retryDelayMs * 2, 5000);
      });
    });
    return opened;
  };

  const receive = (text: string): void => {
    let message: WireMessage;
    try {
      message = JSON.parse(text) as WireMessage;
    } catch {
      return;
    }
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result as Result<never>);
      pending.delete(message.id);
    } else if (message.type === 'event' && isEventName(message.event)) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload as never);
    }
  };

  void connect();

  return {
    platform: 'browser',
    async invoke(channel, request) {
      if (!isChannel(channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${String(channel)}.` } };
      }
      const ws = socket ?? (await connect());
      if (!ws) return NETWORK_LOST;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<never>) => void);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void) {
      if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}.`);
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => {
        set.delete(listener as Listener);
      };
    },
  };
}
