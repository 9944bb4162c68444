import type { SecretStore } from './secret-store.ts';

/**
 * A {@link SecretStore} held in memory: for tests and throw-away cores. `values` is exposed so a test can share
 * it between two cores (a restart keeps the credentials) or check what was stored.
 */
export function createMemorySecretStore(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
    keys: async () => [...values.keys()],
  };
}
