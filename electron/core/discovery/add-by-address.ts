import { createHash } from 'node:crypto';
import type { ProbeAttempt, ProbeKind, Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Endpoint, TerminalDriver } from '../drivers/driver.ts';
import type { Credentials } from '../secrets/secret-store.ts';
import { parseTypedAddress } from './address.ts';
import { identifyEndpoint } from './identify.ts';
import { createProbeRecorder } from './probe-trace.ts';
import { recordSighting, type Identified, type ObserverDeps, type Sighting } from './terminal-observer.ts';

/** What the technician typed to add a terminal. */
export interface AddRequest {
  address: string;
  kind?: ProbeKind;
  credentials?: Credentials;
  /** Aborted when the technician cancels: nothing more is probed and nothing is saved. */
  signal?: AbortSignal;
}

/** Throws CANCELLED (nothing was added) once the technician has cancelled the add. */
function stopIfCancelled(signal: AbortSignal | undefined, host: string): void {
  if (signal?.aborted) {
    throw new AppError('CANCELLED', `Adding ${host} was cancelled: nothing was added.`, {
      messageCode: 'add.cancelled',
      params: { host },
    });
  }
}

/** How a kind's name reads in messages. */
const KIND_NAMES: Readonly<Record<ProbeKind, string>> = { sophon: 'Sophon terminal', basip: 'BAS-IP panel' };

/** Most attempts named in an error message (the error's details carry all of them). */
const ATTEMPTS_IN_MESSAGE = 6;

/**
 * Adds the device at a typed address (`devices:add`). Each port (the typed one, else the default ports of the
 * chosen kind, or of every kind) is probed without credentials first. When that probe finds no device, or a
 * device that does not tell its serial, and the technician gave credentials, the kind is verified with
 * read-only calls made with them (a login, the device info, one page of people): a panel that keeps its info
 * behind a login is identified so, with its serial. An answer in the vendor's own words (BAS-IP's
 * `{"error": "Log In"}`, a refused login; Sophon's error envelope) identifies the kind too.
 *
 * Without a chosen kind, a device that answers HTTP but is no known kind is saved as unknown with the record
 * of what was tried and answered. With a chosen kind, such a device is NOT saved: the technician's word was
 * that it is that kind, so the add fails (VALIDATION) naming what was tried and what each request answered
 * (`details.attempts`), and what to do next. Nothing answering at all is a NETWORK error either way.
 */
export async function addByAddress(deps: ObserverDeps, request: AddRequest): Promise<Terminal> {
  const typed = parseTypedAddress(request.address);
  const { kind, credentials } = request;
  const drivers = kind ? deps.drivers.filter((d) => d.kind === kind) : deps.drivers;
  const ports = typed.port ? [typed.port] : [...new Set(drivers.flatMap((d) => d.defaultPorts))];
  const recorder = createProbeRecorder(credentials ? secretsOf(credentials) : []);
  for (const port of ports) {
    const endpoint: Endpoint = { address: typed.host, port, scheme: typed.scheme };
    const sighting: Sighting = { endpoint, source: 'manual', ...(kind ? { hint: kind } : {}) };
    stopIfCancelled(request.signal, typed.host);
    const found = await identifyEndpoint(drivers, endpoint, { hint: kind, timeoutMs: deps.timeoutMs, recorder });
    stopIfCancelled(request.signal, typed.host);
    let probe: Identified = found.found === 'terminal' ? found.probe : null;
    const verifyAs = deps.drivers.find((d) => d.kind === (probe?.kind ?? kind));
    // Verify when the probe found nothing although the port answered HTTP (and its last request was answered),
    // or found a device that did not tell its serial but would after a login.
    const worthVerifying = probe
      ? probe.serial === null && verifyAs?.identify.tellsMoreAfterLogin === true
      : recorder.answered(port) && !recorder.lastFailed(port);
    if (credentials && verifyAs && worthVerifying) {
      const http = recorder.http(endpoint, deps.timeoutMs, verifyAs.kind, true);
      const verified = await verifyAs.identify.verify(http, credentials, deps.timeoutMs);
      if (verified.result) probe = merged(probe, verified.result);
      stopIfCancelled(request.signal, typed.host);
    }
    if (probe) {
      return recordSighting(deps, sighting, probe, { trust: true, ...(credentials ? { credentials } : {}) });
    }
    if (!kind && found.found === 'unknown') return recordSighting(deps, sighting, null, { recorder, trust: true });
  }
  const where = `${typed.host} on port ${ports.join(' or ')}`;
  if (!kind || !ports.some((port) => recorder.answered(port))) {
    throw new AppError(
      'NETWORK',
      `Nothing answers at ${where}. Check the address, the cable and that the terminal is on, then try again.`,
      { messageCode: 'add.nothing-answers', params: { host: typed.host, ports: ports.join(', ') } },
    );
  }
  const attempts = recorder.attempts();
  throw new AppError(
    'VALIDATION',
    `${typed.host} does not answer like a ${KIND_NAMES[kind]} on port ${ports.join(' or ')} ` +
      `(${summary(attempts)}). ${nextStep(kind, usualPort(drivers, ports), credentials !== undefined)}`,
    {
      chosenKind: kind,
      attempts,
      messageCode: credentials ? 'add.not-this-kind' : 'add.not-this-kind-login',
      params: {
        host: typed.host,
        ports: ports.join(', '),
        kind,
        usualPort: usualPort(drivers, ports),
        summary: summary(attempts),
      },
    },
  );
}

/** The anonymous probe's result completed by the verified one (which read more: the serial, the level). */
function merged(anonymous: Identified, verified: NonNullable<Identified>): NonNullable<Identified> {
  if (!anonymous) return verified;
  return {
    ...anonymous,
    apiVersion: verified.apiVersion ?? anonymous.apiVersion,
    serial: verified.serial ?? anonymous.serial,
    model: verified.model ?? anonymous.model,
    firmware: verified.firmware ?? anonymous.firmware,
    name: verified.name ?? anonymous.name,
    peopleCount: verified.peopleCount ?? anonymous.peopleCount,
  };
}

/** The password and its MD5 in both cases (BAS-IP logins send it so): never kept in what was answered. */
function secretsOf(credentials: Credentials): string[] {
  const md5 = createHash('md5').update(credentials.password, 'utf8').digest('hex');
  return [credentials.password, md5, md5.toUpperCase()];
}

/** The attempts as one short line: `GET /api/v1/info → 404 text/html "Not Found"; ...`. */
export function summary(attempts: readonly ProbeAttempt[]): string {
  const shown = attempts.slice(0, ATTEMPTS_IN_MESSAGE).map(describeAttempt);
  const more = attempts.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; ${more} more` : shown.join('; ');
}

/** One attempt in words: request, then status, content type and excerpt, or why nothing came. */
export function describeAttempt(attempt: ProbeAttempt): string {
  const request = `${attempt.request}${attempt.authenticated ? ' (with the credentials)' : ''}`;
  if (attempt.status === null) return `${request} → no answer (${attempt.failure ?? 'other'})`;
  const type = attempt.contentType ? ` ${attempt.contentType.split(';')[0]}` : '';
  const excerpt = attempt.excerpt ? ` ${attempt.excerpt.slice(0, 60)}` : '';
  return `${request} → ${attempt.status}${type}${excerpt}`;
}

/** The port the chosen kind usually answers on: its driver's first default port (else the first port tried). */
function usualPort(drivers: readonly TerminalDriver[], tried: readonly number[]): number {
  return drivers[0]?.defaultPorts[0] ?? tried[0] ?? 0;
}

function nextStep(kind: ProbeKind, port: number, withCredentials: boolean): string {
  const credentials = withCredentials ? '' : ', give its user name and password if it needs a login';
  return (
    `Check the address and the port (a ${KIND_NAMES[kind]} usually answers on ${port})${credentials}, ` +
    'or add it without a kind to list it as unknown with what it answered.'
  );
}
