import { startSite, type Site, type SiteOptions } from '../../tools/sim/site/site.ts';
import { canUseNamespaces } from '../../tools/sim/site/ip.ts';

/** Why a benchmark that needs the namespace site (mDNS on a private LAN) cannot run here, or null. */
export function namespaceSiteUnavailable(): string | null {
  return canUseNamespaces()
    ? null
    : 'needs Linux, root and iproute2: the simulated site is a private LAN of network namespaces (mDNS only inside it).';
}

/**
 * Starts a namespace-mode site (never loopback: benchmarks on it must not silently measure something else),
 * hands it to `use` with its start-up time in ms, and always stops it afterwards, whatever `use` does.
 */
export async function withSite<T>(
  options: SiteOptions,
  use: (site: Site, startupMs: number) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const site = await startSite({ ...options, mode: 'namespaces' });
  const startupMs = performance.now() - started;
  try {
    return await use(site, startupMs);
  } finally {
    await site.stop();
  }
}
