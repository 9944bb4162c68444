/** Bounds of a {@link BoundedStore}. */
export interface StoreBounds {
  /** Most entries kept; adding one more drops the least recently used. */
  maxEntries: number;
  /** An entry not used for this long (ms) is dropped. */
  maxIdleMs: number;
}

/** Entries kept in memory with a count and an idle-age bound (drafts and reviewed plans). */
export interface BoundedStore<T> {
  /** Adds or replaces an entry; drops expired entries and, beyond the count, the least recently used. */
  put(id: string, value: T): void;
  /** The entry, marked as used now; undefined when unknown, dropped or expired. */
  get(id: string): T | undefined;
  delete(id: string): void;
  /** Entries held now (expired ones dropped first). */
  size(): number;
}

/** Creates a {@link BoundedStore}; `now` is the clock (tests move it). */
export function createBoundedStore<T>(bounds: StoreBounds, now: () => number): BoundedStore<T> {
  // A Map keeps insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, { value: T; usedAt: number }>();
  const expire = (): void => {
    const limit = now() - bounds.maxIdleMs;
    for (const [id, entry] of entries) if (entry.usedAt < limit) entries.delete(id);
  };
  return {
    put(id, value) {
      expire();
      entries.delete(id);
      entries.set(id, { value, usedAt: now() });
      while (entries.size > bounds.maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    get(id) {
      expire();
      const entry = entries.get(id);
      if (!entry) return undefined;
      entries.delete(id);
      entries.set(id, { value: entry.value, usedAt: now() });
      return entry.value;
    },
    delete: (id) => void entries.delete(id),
    size() {
      expire();
      return entries.size;
    },
  };
}
