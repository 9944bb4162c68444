import type { ProbeKind } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import {
  defaultCredentialsKey,
  readCredentials,
  terminalCredentialsKey,
  type SecretStore,
} from '../secrets/secret-store.ts';
import type { CoreServices } from '../services.ts';
import { terminalsToXlsx } from './inventory-export-xlsx.ts';
import { terminalsToCsv } from './inventory-export.ts';

/** The channels of the Devices view's bulk actions, labels and site defaults (issue 18). */
export type DeviceActionChannel =
  | 'devices:add'
  | 'devices:cancel-add'
  | 'devices:set-label'
  | 'devices:export'
  | 'devices:check'
  | 'devices:use-site-default'
  | 'devices:site-defaults';

/** The kinds that have site defaults. */
const DEFAULT_KINDS: readonly ProbeKind[] = ['sophon', 'basip'];

/** Whether a site default is saved for `kind`, and its username. */
async function siteDefault(secrets: SecretStore, kind: ProbeKind) {
  const saved = await readCredentials(secrets, defaultCredentialsKey(kind));
  return { saved: saved !== undefined, username: saved?.username ?? null };
}

/** Today as `YYYY-MM-DD` (the export's file name). */
function today(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/**
 * Handlers of the Devices view's own channels; spread into the handler map (handlers.ts). A terminal's stored
 * credentials still reach it only when it is trusted: these handlers store or forget, the drivers' callers
 * check trust (secrets/secret-store.ts `credentialsForTrusted`).
 */
export function createDeviceHandlers(
  services: Pick<CoreServices, 'inventory' | 'bus' | 'secrets' | 'health' | 'discovery'>,
  now: () => number = Date.now,
): Pick<Handlers, DeviceActionChannel> {
  const { inventory, bus, secrets, health, discovery } = services;
  /** The adds running now by request id, so the technician can cancel one. */
  const adding = new Map<string, AbortController>();
  return {
    'devices:add': async ({ requestId, ...request }) => {
      if (!requestId) return discovery.addByAddress(request);
      const controller = new AbortController();
      adding.set(requestId, controller);
      try {
        return await discovery.addByAddress({ ...request, signal: controller.signal });
      } finally {
        if (adding.get(requestId) === controller) adding.delete(requestId);
      }
    },
    'devices:cancel-add': async ({ requestId }) => {
      const controller = adding.get(requestId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'devices:set-label': async ({ serial, label }) => {
      const terminal = inventory.setLabel(serial, label);
      if (!terminal) {
        throw new AppError('NOT_FOUND', `No terminal with serial ${serial} is in the inventory.`, {
          messageCode: 'device.not-found',
          params: { serial },
        });
      }
      bus.emit('devices:updated', terminal);
      return terminal;
    },
    'devices:export': async ({ serials, format }) => {
      const wanted = serials ? new Set(serials) : null;
      const terminals = inventory.list().filter((t) => wanted === null || wanted.has(t.serial));
      const at = now();
      const fileName = `terminals-${today(at)}.${format}`;
      if (format === 'xlsx') {
        const bytes = await terminalsToXlsx(terminals, new Date(at));
        return { fileName, content: Buffer.from(bytes).toString('base64'), encoding: 'base64', rows: terminals.length };
      }
      return { fileName, content: terminalsToCsv(terminals), encoding: 'utf8', rows: terminals.length };
    },
    'devices:check': async ({ serials }) => {
      await health.checkSerials(serials);
      return serials.flatMap((serial) => inventory.get(serial) ?? []);
    },
    'devices:use-site-default': async ({ serials }) => {
      let cleared = 0;
      const kinds = new Set<ProbeKind>();
      for (const serial of new Set(serials)) {
        const terminal = inventory.get(serial);
        if (!terminal) continue;
        if (terminal.kind !== 'unknown') kinds.add(terminal.kind);
        const key = terminalCredentialsKey(serial);
        if ((await secrets.get(key)) !== undefined) {
          await secrets.delete(key);
          cleared++;
        }
      }
      const kindsWithoutDefault: ProbeKind[] = [];
      for (const kind of DEFAULT_KINDS) {
        if (kinds.has(kind) && !(await siteDefault(secrets, kind)).saved) kindsWithoutDefault.push(kind);
      }
      // Checked again with the default; untrusted terminals are probed anonymously only.
      await health.checkSerials(serials);
      return { cleared, kindsWithoutDefault };
    },
    'devices:site-defaults': async () => ({
      sophon: await siteDefault(secrets, 'sophon'),
      basip: await siteDefault(secrets, 'basip'),
    }),
  };
}
