import type { Locator, Page } from '@playwright/test';
import { WebSocket } from 'ws';
import type { Channel, RequestOf } from '../../shared/ipc/types.ts';
import type { Result } from '../../shared/result.ts';
import { createBasipDevice } from '../../tools/sim/basip/index.ts';
import type { SimDevice } from '../../tools/sim/common/device.ts';
import type { Knobs } from '../../tools/sim/common/knobs.ts';
import { serve, type SimServer } from '../../tools/sim/common/http.ts';
import type { SimPerson } from '../../tools/sim/common/people.ts';
import { createSophonDevice } from '../../tools/sim/sophon/index.ts';
import { findAppByUrl, type AppUnderTest } from './app-target.ts';
import { auditOutcomes, type ReportedItem } from '../audit/ground-truth.ts';

/** A simulated terminal on 127.0.0.1 that can be stopped and started again on the same port. */
export interface SimTerminal {
  kind: 'sophon' | 'basip';
  device: SimDevice;
  port: number;
  address: string;
  /** Stops answering: connections are refused from now on. */
  stop(): Promise<void>;
  /** Answers again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a simulated terminal holding `people`, served on 127.0.0.1 and a free port; `options` sets its serial
 * and its knobs (faults, firmware variants).
 */
export async function startSimTerminal(
  kind: 'sophon' | 'basip',
  seed: string,
  people: SimPerson[],
  options: { serial?: string; knobs?: Partial<Knobs> } = {},
): Promise<SimTerminal> {
  const device =
    kind === 'sophon'
      ? createSophonDevice({ seed, people, ...options })
      : createBasipDevice({ seed, people, ...options });
  let server: SimServer | null = await serve(device.handle);
  const port = server.port;
  return {
    kind,
    device,
    port,
    address: `127.0.0.1:${port}`,
    async stop() {
      await server?.close();
      server = null;
    },
    async restart() {
      server ??= await serve(device.handle, { port });
    },
    async close() {
      await server?.close();
      server = null;
    },
  };
}

/** Adds a simulated terminal with "Add by address" (BAS-IP with the simulator's admin/123456). */
export async function addTerminal(page: Page, sim: SimTerminal): Promise<void> {
  const form = page.getByRole('form', { name: 'Add by address' });
  await form.getByLabel('Address', { exact: true }).fill(sim.address);
  // The form keeps what was typed for the previous terminal: set the kind and credentials every time.
  await form.getByLabel('Kind').selectOption({ label: sim.kind === 'basip' ? 'BAS-IP' : 'Sophon' });
  await form.getByLabel('Username (optional)').fill(sim.kind === 'basip' ? 'admin' : '');
  await form.getByLabel('Password (optional)').fill(sim.kind === 'basip' ? '123456' : '');
  await form.getByRole('button', { name: 'Add terminal' }).click();
  await page.getByRole('table', { name: 'Terminals' }).getByRole('row').filter({ hasText: sim.address }).waitFor();
}

/**
 * Calls one contract channel of the app at `hostUrl`. For an app the fixture runs (`host.url`, `app.url`) the
 * call goes through its page, on either target (prefer `app.invoke` in new specs); for any other browser host
 * (one a test started itself) it goes over the host's WebSocket from the test process, with its token.
 */
export async function invokeHost<C extends Channel>(
  hostUrl: string,
  channel: C,
  request: RequestOf<C>,
): Promise<Result<unknown>> {
  const app = findAppByUrl(hostUrl);
  if (app) return app.invoke(channel, request);
  const url = new URL(hostUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/ws?token=${encodeURIComponent(token)}`, { origin: url.origin });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return await new Promise<Result<unknown>>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; id?: number; result?: Result<unknown> };
        if (message.type === 'result' && message.id === 1 && message.result) resolve(message.result);
      });
      ws.send(JSON.stringify({ type: 'invoke', id: 1, channel, request }));
    });
  } finally {
    ws.close();
  }
}

/** The progress bar of one terminal of the selected job, by its name and address. */
export function terminalProgress(page: Page, label: string): Locator {
  return page.getByRole('progressbar', { name: `Progress of ${label}` });
}

/** What {@link expectTruthfulOutcomes} needs of the app: one contract call. */
type Invoker = Pick<AppUnderTest, 'invoke'>;

/**
 * The ground-truth audit every removal e2e test ends with: every item of the app's newest removal jobs
 * (`jobs`, default 1), read through the contract, against what the simulators really hold (their stores, never
 * their APIs): zero items reported removed or already absent that their terminal still holds.
 */
export async function expectTruthfulOutcomes(app: Invoker, sims: readonly SimTerminal[], jobs = 1): Promise<void> {
  const listed = await app.invoke('devices:list', {});
  const list = await app.invoke('jobs:list', { limit: jobs });
  if (!listed.ok || !list.ok) throw new Error('The app did not answer devices:list or jobs:list.');
  const devices = new Map<string, SimDevice>();
  for (const terminal of listed.value) {
    const sim = sims.find((s) => s.port === terminal.port && terminal.address === '127.0.0.1');
    if (sim) devices.set(terminal.serial, sim.device);
  }
  const items: ReportedItem[] = [];
  for (const job of list.value.filter((j) => j.kind === 'remove')) {
    for (let offset = 0; offset < job.total; offset += 1000) {
      const page = await app.invoke('jobs:show', { jobId: job.id, offset, limit: 1000 });
      if (!page.ok) throw new Error(`The app did not answer jobs:show for ${job.id}.`);
      items.push(...page.value.items);
    }
  }
  if (devices.size === 0 || items.length === 0) throw new Error('Nothing to audit: no simulated terminal or no item.');
  const found = auditOutcomes(items, devices);
  if (found.length > 0) throw new Error(`False outcomes: ${found.map((f) => f.detail).join('; ')}`);
}
