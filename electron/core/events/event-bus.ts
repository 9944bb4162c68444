import type { EventName, EventPayloadOf, Unsubscribe } from '../../../shared/ipc/types.ts';

/** A listener for any contract event; used by transports that forward every event. */
export type AnyEventListener = <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void;

/** Typed publish/subscribe for the contract's events, inside one process. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void;
  /** Subscribes to every event (transports use this); returns an unsubscribe function. */
  onAny(listener: AnyEventListener): Unsubscribe;
}

/** Creates an {@link EventBus}. A throwing listener is isolated so the others still hear the event. */
export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<AnyEventListener>();
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
