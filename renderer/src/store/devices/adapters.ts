import type { NetworkAdapter } from '../../../../shared/domain/status.ts';

/** The adapters a technician can browse on: non-internal IPv4 adapters, one entry per adapter name. */
export function pickableAdapters(adapters: readonly NetworkAdapter[]): NetworkAdapter[] {
  const seen = new Set<string>();
  return adapters.filter((adapter) => {
    if (adapter.internal || seen.has(adapter.name)) return false;
    seen.add(adapter.name);
    return true;
  });
}

/**
 * The adapters ticked before the technician chooses: the site adapters from the settings that exist on
 * this computer, or every pickable adapter when none of them does.
 */
export function defaultAdapterChoice(pickable: readonly NetworkAdapter[], siteAdapters: readonly string[]): string[] {
  const names = pickable.map((adapter) => adapter.name);
  const fromSettings = names.filter((name) => siteAdapters.includes(name));
  return fromSettings.length > 0 ? fromSettings : names;
}
