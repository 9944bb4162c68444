import type { CloudErrorKind, CloudName } from '../../../shared/domain/cloud.ts';
import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import { AliyunError } from './aliyun/errors.ts';
import { TuyaError } from './tuya/errors.ts';

/** The app error code of each cloud failure kind. */
const CODE_OF: Record<CloudErrorKind, ErrorCode> = {
  'not-configured': 'VALIDATION',
  auth: 'UNAUTHORIZED',
  clock: 'UNAUTHORIZED',
  forbidden: 'UNAUTHORIZED',
  throttled: 'NETWORK',
  server: 'NETWORK',
  network: 'NETWORK',
  'not-found': 'NOT_FOUND',
  invalid: 'VALIDATION',
  'bad-response': 'INTERNAL',
  cancelled: 'CANCELLED',
};

/** Builds a cloud error: an {@link AppError} whose details carry `source` and `kind` for the UI's sentences. */
export function cloudError(
  source: CloudName | 'cloud',
  kind: CloudErrorKind,
  message: string,
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError(CODE_OF[kind], message, { source, kind, ...extra });
}

/** The kind of an Alibaba Cloud failure in the app's closed set. */
export function aliyunKindOf(error: AliyunError): CloudErrorKind {
  if (error.reason === 'network') return 'network';
  if (error.reason === 'throttled') return 'throttled';
  if (error.reason === 'protocol') return 'bad-response';
  if (error.reason === 'config') return error.kind === 'auth' ? 'not-configured' : 'invalid';
  if (error.reason === 'gateway' && /clock/i.test(error.message)) return 'clock';
  if (error.kind === 'auth') return 'auth';
  if (error.kind === 'offline') return 'network';
  if (error.kind === 'retryable') return 'server';
  return 'invalid';
}

/**
 * Any failure of a cloud call as an AppError with `details.source` and `details.kind` (TuyaErrors already are
 * one; AliyunErrors are DriverErrors and are converted). The message stays the technician's sentence.
 */
export function toCloudError(error: unknown, cloud: CloudName): AppError {
  if (error instanceof TuyaError) return error;
  if (error instanceof AliyunError) {
    return cloudError('aliyun', aliyunKindOf(error), error.message, {
      rawCode: error.rawCode,
      ...(error.requestId ? { requestId: error.requestId } : {}),
    });
  }
  if (error instanceof AppError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const name = cloud === 'tuya' ? 'the Tuya cloud' : 'Alibaba Cloud';
  return cloudError(cloud, 'bad-response', `The call to ${name} failed unexpectedly (${text}). Try again.`);
}

/** The cloud failure kind of an error (null when it is not a cloud error). */
export function kindOfError(error: unknown, cloud: CloudName): CloudErrorKind | null {
  const details = toCloudError(error, cloud).details as { kind?: unknown } | undefined;
  return typeof details?.kind === 'string' ? (details.kind as CloudErrorKind) : null;
}

/** Whether a failure means the cloud did not answer at all (work waits, queued, until it answers again). */
export function isUnreachable(error: unknown, cloud: CloudName): boolean {
  return kindOfError(error, cloud) === 'network';
}
