import { toErrorPayload } from '../../shared/errors.ts';
import type { Core } from './compose.ts';

/**
 * What a long-running shell (the Electron app, the browser host) starts after the core is built: the
 * health monitor, the sync queue's connectivity monitor, and mDNS browsing on the site adapters, as a
 * technician expects on arrival. Browsing that is not allowed here (FCOM_MDNS) or finds no adapter is
 * reported through `log` and leaves the rest working: adding by address and sweeping still work. The CLI
 * starts none of this.
 */
export function startBackgroundWork(core: Core, log: (line: string) => void): void {
  const { health, discovery, sync } = core.services;
  health.start();
  void health.checkAll();
  // Clouds are probed with back-off; a terminal or cloud seen again resumes its queued work by itself.
  sync.connectivity.start();
  try {
    const state = discovery.startBrowsing();
    log(
      `Discovery: browsing ${state.serviceTypes.map((t) => `_${t}._tcp`).join(', ')} on ${state.adapters.join(', ')}.`,
    );
  } catch (error) {
    log(`Discovery by mDNS did not start: ${toErrorPayload(error).message}`);
  }
}
