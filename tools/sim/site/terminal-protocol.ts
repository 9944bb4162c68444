import type { SimDeviceInfo, SimDeviceStats } from '../common/device.ts';
import type { Knobs } from '../common/knobs.ts';
import type { LoggedRequest } from '../common/request-log.ts';

/** What a terminal process reports once it serves (and, with mDNS, has announced itself). */
export interface TerminalReady {
  info: SimDeviceInfo;
  address: string;
  port: number;
  /** The advertised mDNS instance name, or null without mDNS. */
  mdns: string | null;
}

/** A request for one page of a terminal's request log. */
export interface LogQuery {
  /** Only entries with a sequence number above this (default 0: from the start). */
  after?: number;
  /** Page size, 1 to 1000 (default 200). */
  limit?: number;
  /** Only requests whose path contains this text. */
  pathIncludes?: string;
}

/** One page of a request log; pass `next` as `after` to read on while `more` is true. */
export interface LogPage {
  entries: LoggedRequest[];
  next: number;
  more: boolean;
}

/** The harness's handle on a running terminal's behaviour and records. */
export interface TerminalControl {
  /** Changes knobs (a `faults` list replaces the current one) and returns the knobs now in force. */
  setKnobs(patch: Partial<Knobs>): Promise<Knobs>;
  knobs(): Promise<Knobs>;
  clearFaults(): Promise<void>;
  /** One page of the request log. */
  log(query?: LogQuery): Promise<LogPage>;
  clearLog(): Promise<void>;
  stats(): Promise<SimDeviceStats>;
  /** Ground truth for audits: whether the device holds each item, read from its store (SimDevice.holds). */
  holds(items: readonly HeldQuery[]): Promise<boolean[]>;
}

/** One item asked about in {@link TerminalControl.holds}. */
export interface HeldQuery {
  idKind: string;
  id: string;
  faceId?: string | null;
}

/** Pages a request log (oldest first) as {@link LogQuery} asks. */
export function pageLog(all: readonly LoggedRequest[], query: LogQuery = {}): LogPage {
  const after = query.after ?? 0;
  const limit = Math.min(Math.max(query.limit ?? 200, 1), 1000);
  const matching = all.filter((e) => e.seq > after && (!query.pathIncludes || e.path.includes(query.pathIncludes)));
  const entries = matching.slice(0, limit);
  return { entries, next: entries.at(-1)?.seq ?? after, more: matching.length > limit };
}
