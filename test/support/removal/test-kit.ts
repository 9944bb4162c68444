import { createMemorySecretStore } from '../../../electron/core/secrets/memory-secret-store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import type { RemovalItem } from '../../../shared/domain/people-import.ts';
import type { RemovalSettings } from '../../../shared/domain/removal.ts';
import { createBasipDevice } from '../../../tools/sim/basip/index.ts';
import type { SimDevice } from '../../../tools/sim/common/device.ts';
import { serve, type SimServer } from '../../../tools/sim/common/http.ts';
import type { Knobs } from '../../../tools/sim/common/knobs.ts';
import type { SimPerson } from '../../../tools/sim/common/people.ts';
import type { LoggedRequest } from '../../../tools/sim/common/request-log.ts';
import { createSophonDevice } from '../../../tools/sim/sophon/index.ts';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/compose.ts';

/**
 * Test helpers of the removal engine: simulated terminals on 127.0.0.1 that can be cut off and brought back
 * on the same port, a core with fast back-off, and readers of the simulators' request logs.
 */

/** A simulated terminal served on 127.0.0.1. */
export interface SimTerminal {
  kind: 'sophon' | 'basip';
  device: SimDevice;
  /** The serial in the app's inventory (set by addTerminals: Sophon terminals get an address-based one). */
  serial: string;
  port: number;
  /** Stops answering (connections refused from now on). */
  cutOff(): Promise<void>;
  /** Answers again on the same port. */
  bringBack(): Promise<void>;
}

/** Starts a simulated terminal of `kind` holding `people`. */
export async function startTerminal(
  kind: 'sophon' | 'basip',
  serial: string,
  people: SimPerson[],
  knobs: Partial<Knobs> = {},
): Promise<SimTerminal> {
  const device =
    kind === 'sophon'
      ? createSophonDevice({ serial, people, knobs, seed: serial })
      : createBasipDevice({ serial, people, knobs, seed: serial });
  let server: SimServer | null = await serve(device.handle);
  const port = server.port;
  return {
    kind,
    device,
    serial,
    port,
    async cutOff() {
      await server?.close();
      server = null;
    },
    async bringBack() {
      server ??= await serve(device.handle, { port });
    },
  };
}

/** Credentials in memory (the tests' secret store). */
export const memorySecrets = createMemorySecretStore;

/** A core in a fresh temporary data directory, with fast back-off; `cleanup` closes it and deletes the dir. */
export function testCore(
  removal: Partial<RemovalSettings> = {},
  options: Partial<CoreOptions> = {},
): { core: Core; dir: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-removal-'));
  const core = createCore({
    dataDir: dir,
    target: 'cli',
    mdnsPolicy: 'off',
    secrets: memorySecrets(),
    terminalTimeoutMs: 1500,
    removal: { backoff: { baseMs: 10, maxMs: 80 } },
    ...options,
  });
  core.services.settings.update({ removal: { requestTimeoutMs: 2000, ...removal } });
  return {
    core,
    dir,
    cleanup: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The next start of the app on a test core's data directory, as the host (it resumes interrupted jobs by itself):
 * the first core's secrets were in memory, so the BAS-IP panels' admin/123456 are stored again.
 */
export async function reopenCore(
  dir: string,
  terminals: readonly SimTerminal[],
  removal: CoreOptions['removal'] = {},
): Promise<Core> {
  const secrets = memorySecrets();
  for (const sim of terminals) {
    if (sim.kind === 'basip')
      await secrets.set(`terminal:${sim.serial}`, JSON.stringify({ username: 'admin', password: '123456' }));
  }
  return createCore({
    dataDir: dir,
    target: 'host',
    mdnsPolicy: 'off',
    secrets,
    removal: { backoff: { baseMs: 10, maxMs: 50 }, ...removal },
  });
}

/** Adds simulated terminals to the core's inventory (BAS-IP with the simulator's admin/123456). */
export async function addTerminals(
  core: Core,
  terminals: readonly SimTerminal[],
  password = '123456',
): Promise<Terminal[]> {
  const added: Terminal[] = [];
  for (const t of terminals) {
    const terminal = await core.services.discovery.addByAddress({
      address: `127.0.0.1:${t.port}`,
      kind: t.kind,
      ...(t.kind === 'basip' ? { credentials: { username: 'admin', password } } : {}),
    });
    t.serial = terminal.serial;
    added.push(terminal);
  }
  return added;
}

/** A removal list row per person, with both the Sophon and the BAS-IP id (each terminal takes its own). */
export function listOf(people: readonly SimPerson[]): RemovalItem[] {
  return people.map((p, i) => ({ line: i + 2, identity_id: p.identityId, link_id: p.linkId, name: p.name }));
}

/** The delete requests a simulator answered or saw, in order. */
export function deleteRequests(device: SimDevice): LoggedRequest[] {
  return device.log
    .all()
    .filter(
      (r) => r.path.endsWith('/deleteidentities') || (r.method === 'DELETE' && r.path.includes('/identifier/items')),
    );
}

/** The ids a delete request carried. */
export function idsSent(request: LoggedRequest): string[] {
  const body = (request.body ?? {}) as { identity_ids?: string[]; link_ids?: string[]; uid_items?: number[] };
  return [...(body.identity_ids ?? []), ...(body.link_ids ?? []), ...(body.uid_items ?? []).map(String)];
}

/**
 * Ids a simulator acknowledged as removed and that were sent again in a LATER delete request: must be empty.
 * (A retry after a 5xx answer, which removed nothing, is allowed: nothing had been acknowledged.)
 */
export function acknowledgedThenResent(device: SimDevice): string[] {
  const acknowledgedAt = new Map<string, number>();
  const resent: string[] = [];
  for (const request of deleteRequests(device)) {
    for (const id of idsSent(request)) {
      const at = acknowledgedAt.get(id.toLowerCase());
      if (at !== undefined && at < request.seq) resent.push(id);
    }
    for (const id of request.acknowledged ?? []) {
      if (acknowledgedAt.has(id.toLowerCase())) resent.push(id);
      acknowledgedAt.set(id.toLowerCase(), request.seq);
    }
  }
  return resent;
}

/** Waits until `check` is true (polling), or fails after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs = 10_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
