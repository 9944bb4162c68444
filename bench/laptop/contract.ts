import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Terminal } from '../../shared/domain/terminal.ts';
import type { Channel, RequestOf } from '../../shared/ipc/types.ts';
import { createCore, SECRETS_FILE, type Core } from '../../electron/core/compose.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { createEncryptedFileStore } from '../../electron/core/secrets/encrypted-file-store.ts';

/** A site terminal as a bench hands it to a laptop script: where to add it, and its kind. */
export interface SiteTarget {
  address: string;
  port: number;
  kind: 'sophon' | 'basip';
}

/**
 * Runs `use` with the app's own core on a fresh data directory (`prefix` names it), with an encrypted credential
 * file as the CLI has and mDNS only inside the site's namespace; closes the core and deletes the directory after.
 */
export async function withLaptopCore<T>(prefix: string, use: (core: Core) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const secrets = createEncryptedFileStore(join(dataDir, SECRETS_FILE), randomBytes(16).toString('hex'));
  const core = createCore({ dataDir, target: 'cli', mdnsPolicy: 'isolated-only', secrets });
  try {
    return await use(core);
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Calls one channel of the app's contract as the UI does; throws with the channel's error message. */
export async function call<C extends Channel>(core: Core, channel: C, request: RequestOf<C>): Promise<unknown> {
  const result = await dispatch(core.handlers, channel, request);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value;
}

/**
 * Adds every terminal by address, 8 at a time, as a technician's "Add by address" does, and answers the serials
 * the inventory gave those that answered online with the expected kind (the others are said on stderr). A
 * Sophon terminal's local API tells no serial, so one added by address keeps a provisional `addr:` serial.
 */
export async function addTerminals(core: Core, terminals: readonly SiteTarget[], script: string): Promise<string[]> {
  const queue = [...terminals];
  const serials: string[] = [];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const row = (await call(core, 'devices:add', {
        address: `${next.address}:${next.port}`,
        kind: next.kind,
      })) as Terminal;
      if (row.kind === next.kind && row.online) serials.push(row.serial);
      else console.error(`${script}: ${next.address}:${next.port} added as ${row.kind}, online ${row.online}.`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return serials;
}
