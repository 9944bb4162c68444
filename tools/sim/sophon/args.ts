import { SophonError } from './errors.ts';

/**
 * Argument checks shared by the operations. The vendor's general convention is "''不为空，None才为空": an
 * empty string is a value, only an absent key or `null` counts as missing. A missing required argument is
 * MISSING_ARGUMENTS (the message names it); a present one of the wrong type or value is INVALID_ARGUMENTS.
 * Types are checked strictly (the number 100000 is not the string "100000"), as a typed device would.
 */

/** A parsed request body (always a JSON object). */
export type Body = Record<string, unknown>;

/** Whether `body[name]` is absent or null. */
export function isMissing(body: Body, name: string): boolean {
  return body[name] === undefined || body[name] === null;
}

/** Rejects a value that is present but wrong. */
export function invalid(name: string, value: unknown): SophonError {
  return new SophonError('INVALID_ARGUMENTS', `${name}=${JSON.stringify(value) ?? String(value)}`);
}

/** A required string argument. */
export function requiredString(body: Body, name: string): string {
  if (isMissing(body, name)) throw new SophonError('MISSING_ARGUMENTS', name);
  return optionalString(body, name) as string;
}

/** An optional string argument (undefined when absent or null). */
export function optionalString(body: Body, name: string): string | undefined {
  if (isMissing(body, name)) return undefined;
  const value = body[name];
  if (typeof value !== 'string') throw invalid(name, value);
  return value;
}

/** An optional integer argument within `[min, max]`. */
export function optionalInt(body: Body, name: string, min: number, max: number): number | undefined {
  if (isMissing(body, name)) return undefined;
  const value = body[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(name, value);
  return value;
}

/** An optional boolean argument. */
export function optionalBool(body: Body, name: string): boolean | undefined {
  if (isMissing(body, name)) return undefined;
  const value = body[name];
  if (typeof value !== 'boolean') throw invalid(name, value);
  return value;
}

/** An optional list of strings. */
export function optionalStringList(body: Body, name: string): string[] | undefined {
  if (isMissing(body, name)) return undefined;
  const value = body[name];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalid(name, value);
  return [...(value as string[])];
}

/** An optional JSON object (not an array). */
export function optionalObject(body: Body, name: string): Record<string, unknown> | undefined {
  if (isMissing(body, name)) return undefined;
  const value = body[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(name, value);
  return value as Record<string, unknown>;
}

/** An optional string that must be one of `allowed`. */
export function optionalEnum<T extends string>(body: Body, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(body, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(name, value);
  return value as T;
}
