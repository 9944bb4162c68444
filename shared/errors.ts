import { z } from 'zod';

/**
 * Every error code that can cross the IPC boundary. The renderer maps each code to a
 * translated sentence that says what happened and what to do next (renderer/src/i18n).
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN_SENDER',
  'FORBIDDEN_MDNS',
  'STORAGE',
  'SECRETS_LOCKED',
  'NETWORK',
  'CANCELLED',
  'CONFLICT',
  'INTERNAL',
] as const;

/** Zod schema of {@link ErrorCode}. */
export const ErrorCodeSchema = z.enum(ERROR_CODES);

/** A closed set of error codes shared by core, main, host, CLI and renderer. */
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The serialisable shape of an error as it travels across IPC or WebSocket. */
export const ErrorPayloadSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});

/** The serialisable shape of an error as it travels across IPC or WebSocket. */
export type ErrorPayload = z.infer<typeof ErrorPayloadSchema>;

/** An error with a typed code and optional machine-readable details; thrown inside core services. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** Converts anything thrown into an {@link ErrorPayload}; unknown errors become INTERNAL. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AppError) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
