import type { KnobBox } from './knobs.ts';
import type { RequestLog } from './request-log.ts';
import type { SimHandler } from './http.ts';

/** What every simulated terminal tells about itself (and advertises in its mDNS TXT record). */
export interface SimDeviceInfo {
  vendor: 'sophon' | 'basip';
  model: string;
  serial: string;
  firmware: string;
}

/** Counts a test can check after an operation. */
export interface SimDeviceStats {
  people: number;
  faces: number;
  identifiers: number;
}

/** A simulated terminal: its HTTP handler, its knobs, its request log, and a view of its state. */
export interface SimDevice {
  readonly info: SimDeviceInfo;
  readonly knobs: KnobBox;
  readonly log: RequestLog;
  readonly handle: SimHandler;
  stats(): SimDeviceStats;
  /**
   * Ground truth for audits, read from the device's own store (never through its API): whether it holds the
   * item a removal job names by `idKind` (identity_id, face_id / register_image_id with `faceId`, link_id, uid).
   */
  holds(idKind: string, id: string, faceId?: string | null): boolean;
}
