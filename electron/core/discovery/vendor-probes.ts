import type { AxiosInstance } from 'axios';
import type { ProbeKind } from '../../../shared/domain/terminal.ts';
import type { ProbeResult } from '../drivers/driver.ts';
import { probeBasip, verifyBasip } from '../drivers/basip/probe.ts';
import { probeSophonOver, verifySophon } from '../drivers/sophon/probe.ts';
import type { Credentials } from '../secrets/secret-store.ts';

/** What a kind's identification with credentials found (see each driver's `verify…`). */
export interface Verification {
  /** The device, when it answered recognisably as this kind; `apiVersion` null when it could not be seen. */
  result: (Omit<ProbeResult, 'apiVersion'> & { apiVersion: string | null }) | null;
  /** What the device said of the credentials: accepted, refused in its own words, or null (no word). */
  credentials: 'ok' | 'rejected' | null;
}

/**
 * The identification calls of one kind, over an HTTP client that discovery provides (so it can record what
 * was asked and answered). `probe` is the driver's own credential-free probe; `verify` the read-only calls
 * made with the technician's credentials (a login, the device info, one page of people).
 */
export interface VendorProbe {
  /** Whether a login lets this kind tell more of itself (serial, model) than the credential-free probe. */
  readonly tellsMoreAfterLogin: boolean;
  probe(http: AxiosInstance, timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult | null>;
  verify(http: AxiosInstance, credentials: Credentials, timeoutMs: number, signal?: AbortSignal): Promise<Verification>;
}

/**
 * The identification calls per kind. The drivers' `probe(endpoint)` makes its own HTTP client, which
 * discovery cannot watch: these are the same probes taking the client as an argument. Health checks keep
 * using `driver.probe`.
 */
export const VENDOR_PROBES: Readonly<Record<ProbeKind, VendorProbe>> = {
  // Sophon's API has no device-info operation: a login tells nothing more than the probe.
  sophon: { tellsMoreAfterLogin: false, probe: probeSophonOver, verify: verifySophon },
  basip: { tellsMoreAfterLogin: true, probe: probeBasip, verify: verifyBasip },
};
