import type { AliyunClient } from './aliyun/client.ts';
import { TuyaError } from './tuya/errors.ts';
import type { TuyaClient } from './tuya/client.ts';
import { DriverError } from '../drivers/driver.ts';
import type { CloudProbe, ProbeOutcome } from '../sync/connectivity.ts';

/**
 * What a failed probe call means: the cloud answered but refused us (credentials, clock, project, a
 * malformed address: `rejected`, work needs the technician), or it did not answer usefully (`unreachable`,
 * work stays queued). Cancellation counts as unreachable.
 */
export function probeOutcomeOf(error: unknown): Exclude<ProbeOutcome, 'reachable'> {
  if (error instanceof TuyaError) {
    return ['auth', 'clock', 'forbidden', 'invalid'].includes(error.kind) ? 'rejected' : 'unreachable';
  }
  if (error instanceof DriverError)
    return error.kind === 'auth' || error.kind === 'invalid' ? 'rejected' : 'unreachable';
  return 'unreachable';
}

/** Runs a probe call: reachable when it resolves; a refusal is `rejected` (and rethrown with its sentence). */
async function run(call: () => Promise<unknown>): Promise<ProbeOutcome> {
  try {
    await call();
    return 'reachable';
  } catch (error) {
    if (probeOutcomeOf(error) === 'rejected') throw new RejectedProbe(error);
    throw error;
  }
}

/** A probe the cloud answered with a refusal; the monitor reads `outcome` and the sentence of the cause. */
export class RejectedProbe extends Error {
  readonly outcome = 'rejected' as const;
  override readonly cause: unknown;

  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'RejectedProbe';
    this.cause = cause;
  }
}

/** Probes the Tuya cloud with a token fetch (granted or refreshed: the cheapest authenticated call). */
export function tuyaProbe(client: TuyaClient): CloudProbe {
  return { cloud: 'tuya', probe: (signal) => run(() => client.token(signal)) };
}

/** Probes Alibaba Cloud with the project cloudToken (issued or renewed when needed). */
export function aliyunProbe(client: AliyunClient): CloudProbe {
  return { cloud: 'aliyun', probe: (signal) => run(() => client.cloudToken(signal)) };
}
