import type { AliyunClient, CallPacer } from '../aliyun/client.ts';
import { sleep } from '../../jobs/backoff.ts';

/** Waits `ms` (abortable); tests pass their own. */
export type PaceSleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Settings of {@link createAdaptivePacer}. */
export interface AdaptivePacerOptions {
  /** The most requests per second the app allows itself (the `requestsPerSecond` setting, read at each call). */
  ceiling: () => number;
  now?: () => number;
  sleep?: PaceSleep;
  /** The gateway's flow-control window (default 1000 ms: Alibaba counts requests per second). */
  windowMs?: number;
  /**
   * Margin added to the window (default 25 ms): the gateway counts arrivals, which jitter, so the pacer keeps
   * its quota of attempts within a slightly longer window than the gateway's.
   */
  guardMs?: number;
  /** After this long without throttling, the learned rate grows by one request per second (default 5000 ms). */
  increaseAfterMs?: number;
}

/** A {@link CallPacer} that learns the gateway's quota; `rate()` is the rate it uses now (requests/s). */
export interface AdaptivePacer extends CallPacer {
  rate(): number;
}

/** The slowest the pacer goes: one request per second. */
const MIN_RATE = 1;

/**
 * The app's own request rate for Alibaba Cloud, learned from the gateway's "403 Request Limited" answers.
 * It keeps at most `rate` attempts within any window of `windowMs + guardMs`, evenly spaced (so after a
 * burst it waits for the window to free a slot instead of hammering the gateway; an attempt that starts late
 * by less than one spacing does not shift the schedule). It starts at the ceiling
 * (the setting). A throttled attempt tells it the quota: the rate drops to what the gateway accepted from it
 * in the last window (throttled attempts do not count there, as the gateway does not count them), and at
 * least by one; the next attempt waits one spacing at the new rate. Every `increaseAfterMs` without throttling it tries one request per second more, up to the
 * ceiling (the quota is per account: other apps may have stopped using it).
 */
export function createAdaptivePacer(options: AdaptivePacerOptions): AdaptivePacer {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const windowMs = options.windowMs ?? 1000;
  const spanMs = windowMs + (options.guardMs ?? 25);
  const increaseAfterMs = options.increaseAfterMs ?? 5000;
  /** Start times of attempts not throttled, ascending (reservations may lie in the future). */
  let started: { ticket: number; at: number }[] = [];
  let learned = Number.POSITIVE_INFINITY;
  let lastChange = now();
  let next = 0;
  let tickets = 0;

  const ceiling = (): number => Math.max(MIN_RATE, options.ceiling());
  const rate = (): number => Math.min(ceiling(), learned);

  const grow = (at: number): void => {
    if (learned >= ceiling()) learned = Number.POSITIVE_INFINITY;
    else if (at - lastChange >= increaseAfterMs) {
      learned += 1;
      lastChange = at;
    }
  };

  return {
    rate,
    async acquire(signal) {
      const at = now();
      grow(at);
      started = started.filter((s) => s.at > at - spanMs).sort((a, b) => a.at - b.at);
      const current = rate();
      const gap = spanMs / current;
      // The even schedule; a caller late by less than one spacing keeps it (the next attempt catches up).
      let slot = Math.max(next, at - gap);
      // At most `current` attempts in any span: wait for the oldest of the last ones to leave it.
      const allowed = Math.max(1, Math.floor(current));
      const oldest = started[started.length - allowed];
      if (oldest) slot = Math.max(slot, oldest.at + spanMs);
      const start = Math.max(at, slot);
      next = slot + gap;
      const ticket = ++tickets;
      const reservation = { ticket, at: start };
      started.push(reservation);
      if (start > at) {
        try {
          await wait(start - at, signal);
        } catch (error) {
          // Aborted while waiting: the slot is given back (and the spacing, when no later attempt took it).
          started = started.filter((s) => s.ticket !== ticket);
          if (next === slot + gap) next = slot;
          throw error;
        }
        // A busy process wakes late: the gateway sees the attempt when it really starts.
        reservation.at = Math.max(reservation.at, now());
      }
      return ticket;
    },
    throttled(ticket) {
      const at = now();
      started = started.filter((s) => s.ticket !== ticket);
      const accepted = started.filter((s) => s.at > at - windowMs && s.at <= at).length;
      learned = Math.max(MIN_RATE, Math.min(Math.floor(rate()) - 1, accepted));
      lastChange = at;
      // The next attempt keeps the new spacing from now, whatever the old rate had planned.
      next = Math.max(next, at + spanMs / learned);
    },
  };
}

/**
 * A client whose every attempt (retries of throttled answers included) goes through `pacer`, so a removal
 * job stays under the gateway's quota instead of living on "403 Request Limited" answers. One pacer serves
 * every Alibaba job of the app: they share the account's quota.
 */
export function pacedClient(client: AliyunClient, pacer: CallPacer): AliyunClient {
  return {
    origin: client.origin,
    call: (path, apiVer, params, signal) => client.call(path, apiVer, params, signal, pacer),
    cloudToken: (signal) => client.cloudToken(signal),
  };
}
