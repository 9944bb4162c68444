/**
 * Tuya answers in two spellings: the vendor document describes camelCase keys ("accessAuthId") while its one
 * captured answer, and the simulator by default, use snake_case ("access_auth_id"). The client normalises
 * every key to camelCase before validating, so one schema reads both.
 */

/** snake_case → camelCase ("record_list_v_o_list" → "recordListVOList"); camelCase keys are left as they are. */
export function camelKey(key: string): string {
  if (!key.includes('_')) return key;
  const parts = key.split('_').filter((part) => part !== '');
  if (parts.length === 0) return key;
  return parts.map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1))).join('');
}

/**
 * Rewrites every object key of a JSON value (deeply) with {@link camelKey}; values are untouched. When both
 * spellings of a key are present, the camelCase one wins.
 */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, inner] of entries) {
    const camel = camelKey(key);
    if (camel !== key && Object.hasOwn(value, camel)) continue;
    out[camel] = camelizeKeys(inner);
  }
  return out;
}
