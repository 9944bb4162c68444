import { z } from 'zod';
import { ErrorPayloadSchema, type ErrorPayload } from './errors.ts';

/** The outcome of every contract call: thrown errors lose their type across IPC, results do not. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** Wraps a value in a successful {@link Result}. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an error payload in a failed {@link Result}. */
export function fail<T = never>(error: ErrorPayload): Result<T> {
  return { ok: false, error };
}

/** Schema of a Result envelope whose value is not checked (used where the value is checked separately). */
export const ResultEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorPayloadSchema }),
]);
