/**
 * Key spelling of business answers. The vendor document describes results in camelCase ("accessAuthId"),
 * but its one real captured answer (permission query, with a `tid`) is snake_case ("access_auth_id"), as
 * Tuya's gateway answers elsewhere. The simulator answers snake_case by default and camelCase on request,
 * so a client can be tested against both; a robust client accepts either.
 */
export type KeyCase = 'snake' | 'camel';

/**
 * camelCase → snake_case with an underscore before every capital (fastjson's SnakeCase strategy, which a
 * Hangzhou Java gateway most plausibly uses): "recordListVOList" → "record_list_v_o_list". Uncertain for
 * names with runs of capitals; no other field of these APIs has one.
 */
export function snakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (capital) => `_${capital.toLowerCase()}`);
}

/** Rewrites every object key of a JSON value (deeply) with {@link snakeKey}; values are untouched. */
export function toSnakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnakeKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [snakeKey(key), toSnakeKeys(inner)]));
  }
  return value;
}

/** Applies the chosen key case to a result built in camelCase. */
export function applyKeyCase(result: unknown, keyCase: KeyCase): unknown {
  return keyCase === 'snake' ? toSnakeKeys(result) : result;
}
