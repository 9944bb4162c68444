import { connect } from 'node:net';
import type { TerminalKind } from '../../../shared/domain/terminal.ts';
import type { Endpoint, ProbeResult, TerminalDriver } from '../drivers/driver.ts';
import { createDrivers } from '../drivers/registry.ts';
import { createProbeRecorder, type ProbeRecorder } from './probe-trace.ts';

/** What probing an endpoint found: a known kind, something that answers HTTP but is unknown, or nothing. */
export type Identification = { found: 'terminal'; probe: ProbeResult } | { found: 'unknown' } | { found: 'nothing' };

/**
 * Identifies the device at `endpoint` by read-only probes without credentials (each driver's
 * `identify.probe`, over a recording client): the hinted kind's driver first (from a TXT record or the
 * technician's choice), then the others. When no driver recognises it but the port answers HTTP, it is listed
 * as unknown rather than hidden. Every request and its answer go to
 * `recorder` (a fresh one when none is given), so an unknown device can show what was tried.
 */
export async function identifyEndpoint(
  drivers: readonly TerminalDriver[],
  endpoint: Endpoint,
  options: {
    hint?: TerminalKind | undefined;
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    recorder?: ProbeRecorder | undefined;
  },
): Promise<Identification> {
  const recorder = options.recorder ?? createProbeRecorder();
  const ordered = [...drivers].sort((a, b) => Number(b.kind === options.hint) - Number(a.kind === options.hint));
  for (const driver of ordered) {
    options.signal?.throwIfAborted();
    const http = recorder.http(endpoint, options.timeoutMs, driver.kind, false);
    const probe = await driver.identify.probe(http, options.timeoutMs, options.signal);
    if (probe) return { found: 'terminal', probe };
  }
  const answers = await answersHttp(endpoint, options.timeoutMs, options.signal, recorder);
  return answers ? { found: 'unknown' } : { found: 'nothing' };
}

/**
 * Whether anything answers an HTTP GET on the endpoint (any status counts) within `timeoutMs`. The answer's
 * head is enough: the request is aborted as soon as it arrives, so the body is never read (a hostile device
 * may dribble it or send gigabytes), and the deadline covers the whole exchange, not only idle time. The
 * request and its status and content type go to `recorder` when given.
 */
export async function answersHttp(
  endpoint: Endpoint,
  timeoutMs: number,
  signal?: AbortSignal,
  recorder: ProbeRecorder = createProbeRecorder(),
): Promise<boolean> {
  const headRead = new AbortController();
  const signals = [headRead.signal, AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  try {
    await recorder.http(endpoint, timeoutMs, null, false).get('/', {
      signal: AbortSignal.any(signals),
      responseType: 'stream',
    });
    return true;
  } catch {
    signal?.throwIfAborted();
    return false;
  } finally {
    headRead.abort();
  }
}

/** The registered drivers, for reading TXT records when the caller passes none (only their names are read). */
let registered: readonly TerminalDriver[] | undefined;

/**
 * The kind named by a TXT record's `vendor` (or `manufacturer`) value, if it names one of `drivers`
 * (each driver's `identify.txtVendorNames`; the registered drivers when none are given).
 */
export function kindFromTxt(
  txt: Record<string, string>,
  drivers: readonly Pick<TerminalDriver, 'kind' | 'identify'>[] = (registered ??= createDrivers({ timeoutMs: 1 })),
): TerminalKind | undefined {
  const vendor = (txt.vendor ?? txt.manufacturer ?? '').toLowerCase();
  if (vendor === '') return undefined;
  return drivers.find((d) => d.identify.txtVendorNames.some((name) => vendor.includes(name)))?.kind;
}

/**
 * Whether a TCP connection to `address:port` opens within `timeoutMs`: the cheap first step of a sweep,
 * so full probes run only where something listens.
 */
export function tcpPortOpen(address: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const finish = (open: boolean): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(open);
    };
    const onAbort = (): void => finish(false);
    const timer = setTimeout(() => finish(false), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}
