import type { z } from 'zod';
import { toErrorPayload } from '../../../shared/errors.ts';
import { channels } from '../../../shared/ipc/contract.ts';
import { isChannel } from '../../../shared/ipc/names.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { isStorageFault, storageError } from '../db/storage-errors.ts';

/** Turns zod issues into a short, serialisable list for the error's details. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(request)',
    message: issue.message,
  }));
}

/** A short quoted form of an untrusted channel name; never throws (an object's toString may be missing or throw). */
function nameOf(channel: unknown): string {
  try {
    return JSON.stringify(String(channel)).slice(0, 80);
  } catch {
    return `of type ${typeof channel}`;
  }
}

/**
 * The one place every transport (Electron IPC, WebSocket host, CLI) calls a handler: the channel name
 * and the payload are untrusted; the payload is validated against the contract, the handler's answer
 * is checked against the response schema, and every failure comes back as a typed {@link Result}.
 * It never throws.
 */
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail({
      code: 'UNKNOWN_CHANNEL',
      message: `There is no channel named ${nameOf(channel)}.`,
    });
  }
  const spec = channels[channel];
  const parsed = spec.request.safeParse(payload);
  if (!parsed.success) {
    return fail({
      code: 'VALIDATION',
      message: `The request for ${channel} is not valid.`,
      details: { issues: describeIssues(parsed.error) },
    });
  }
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = spec.response.safeParse(value);
    if (!checked.success) {
      return fail({
        code: 'INTERNAL',
        message: `The answer to ${channel} did not match the contract.`,
        details: { issues: describeIssues(checked.error) },
      });
    }
    return ok(checked.data);
  } catch (error) {
    // A storage fault from a single statement (outside a transaction) still says what to do next.
    return fail(toErrorPayload(isStorageFault(error) ? storageError(null, error) : error));
  }
}
