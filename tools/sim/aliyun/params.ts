import type { AliyunErrorKey } from './errors.ts';

// Reading `params` the way the platform's Java backends bind them: an absent (or null, or blank) required
// parameter is "request parameter error." (入参错误); a JSON value of the wrong shape cannot be bound and is
// "Backend Service Invalid Request Format Error" (20055); a bound value the API does not accept is
// "request parameter error." (请求参数异常). JSON numbers bind to strings (as fastjson does).

/** A parameter value, or the error row that reading it produced. */
export type Read<T> = { value: T; error?: undefined } | { error: AliyunErrorKey; value?: undefined };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `params` object of an envelope. */
export function readParams(params: unknown): Read<Record<string, unknown>> {
  if (params === undefined || params === null) return { error: 'paramMissing' };
  return isObject(params) ? { value: params } : { error: 'backendInvalidRequestFormat' };
}

/** A required string parameter, optionally one of `allowed`. */
export function readString(params: Record<string, unknown>, name: string, allowed?: readonly string[]): Read<string> {
  const raw = params[name];
  if (raw === undefined || raw === null) return { error: 'paramMissing' };
  if (typeof raw !== 'string' && typeof raw !== 'number') return { error: 'backendInvalidRequestFormat' };
  const value = String(raw);
  if (value.trim() === '') return { error: 'paramMissing' };
  if (allowed && !allowed.includes(value)) return { error: 'paramInvalid' };
  return { value };
}

/**
 * A required list of strings. Null elements come back as ""; blank ones are left for the API to judge; an
 * element that is an object, array or boolean cannot be bound.
 */
export function readStringList(params: Record<string, unknown>, name: string): Read<string[]> {
  const raw = params[name];
  if (raw === undefined || raw === null) return { error: 'paramMissing' };
  if (!Array.isArray(raw)) return { error: 'backendInvalidRequestFormat' };
  const list: string[] = [];
  for (const item of raw as unknown[]) {
    if (item === null) list.push('');
    else if (typeof item === 'string' || typeof item === 'number') list.push(String(item));
    else return { error: 'backendInvalidRequestFormat' };
  }
  return { value: list };
}
