import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncPage, SyncStatus } from '../../shared/domain/sync.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import {
  acknowledgedThenResent,
  deleteRequests,
  startTerminal,
  waitUntil,
  type SimTerminal,
} from '../../test/support/removal/test-kit.ts';
import { cliRunner } from '../../test/support/cli/test-cli.ts';

const people = generatePeople('sync-cli', 150);
const listed = people.slice(0, 120);

/**
 * `fcom sync` end to end: work queued for an offline terminal survives a kill -9 of the process sending it,
 * and a restart finishes it without sending an acknowledged id twice; discard needs --yes; the report is written.
 */
describe('fcom sync and fcom report, with a kill -9 in the middle of a sync', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-cli-sync-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase' };
  let sophon: SimTerminal;

  const { start, fcom } = cliRunner(env);
  const status = async (): Promise<SyncStatus> => JSON.parse((await fcom('sync', 'status', '--json')).stdout);

  beforeAll(async () => {
    sophon = await startTerminal('sophon', 'SPH-SYNC', people);
    expect((await fcom('devices', 'add', `127.0.0.1:${sophon.port}`, '--kind', 'sophon')).code).toBe(0);
    const settings = await fcom('settings', 'set', '--sophon-batch-size', '10', '--request-timeout', '2500');
    expect(settings.code, settings.stderr).toBe(0);
  });
  afterAll(async () => {
    await sophon.cutOff();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the queue through kill -9 and a restart finishes it exactly once', { timeout: 60_000 }, async () => {
    await sophon.cutOff();
    const ids = listed.map((p) => p.identityId).join(',');
    const queued = await fcom('remove', '--ids', ids, '--devices', 'all');
    expect(queued.code).toBe(1);
    const before = await status();
    expect(before.counts).toMatchObject({ queued: 120, done: 0 });
    const listedQueued = JSON.parse(
      (await fcom('sync', 'list', '--state', 'queued', '--json', '--limit', '1')).stdout,
    ) as SyncPage;
    expect(listedQueued.items[0]).toMatchObject({ reasonCode: 'terminal-offline', queuedAt: expect.any(Number) });

    // The terminal is back, slow; kill the syncing process once it has removed some.
    await sophon.bringBack();
    sophon.device.knobs.set({ perItemLatencyMs: 20 });
    const syncing = start('sync', 'now');
    await waitUntil(
      () => deleteRequests(sophon.device).filter((r) => r.status === 200).length >= 3,
      20_000,
      'three acknowledged batches',
    );
    syncing.child.kill('SIGKILL');
    expect((await syncing.done).code).toBeNull();
    sophon.device.knobs.set({ perItemLatencyMs: 0 });

    // Nothing lost: every operation is still there, done or still to do.
    const after = await status();
    const c = after.counts;
    expect(c.done + c.queued + c.running).toBe(120);
    // One request per terminal at a time: of three batches the terminal answered, at least two were journaled.
    expect(c.done).toBeGreaterThanOrEqual(20);
    expect(c['needs-attention'] + c.discarded).toBe(0);

    const finished = await fcom('sync', 'now', '--json');
    expect(finished.code, finished.stderr).toBe(0);
    expect((JSON.parse(finished.stdout) as SyncStatus).counts).toMatchObject({ done: 120, queued: 0, running: 0 });
    expect(acknowledgedThenResent(sophon.device)).toEqual([]);
    expect(sophon.device.stats().people).toBe(30);
  });

  it('asks for --yes before discarding, and writes the report', { timeout: 30_000 }, async () => {
    await sophon.cutOff();
    expect((await fcom('remove', '--ids', String(people[140]?.identityId), '--devices', 'all')).code).toBe(1);
    const page = JSON.parse((await fcom('sync', 'list', '--state', 'queued', '--json')).stdout) as SyncPage;
    const id = page.items[0]?.id as string;
    const refused = await fcom('sync', 'discard', id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Add --yes to confirm');
    const discarded = await fcom('sync', 'discard', id, '--yes');
    expect(discarded.code, discarded.stderr).toBe(0);
    const history = JSON.parse((await fcom('sync', 'list', '--state', 'discarded', '--json')).stdout) as SyncPage;
    expect(history.items[0]).toMatchObject({ id, discardedBy: expect.stringMatching(/\(fcom\)$/) });

    const out = join(dataDir, 'visit.html');
    const written = await fcom('report', '--format', 'html', '--out', out);
    expect(written.code, written.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Commissioning report');
    expect(html).toContain(`addr:127.0.0.1:${sophon.port}`);
    const csv = join(dataDir, 'visit.csv');
    expect((await fcom('report', '--format', 'csv', '--out', csv)).code).toBe(0);
    expect(
      readFileSync(csv, 'utf8')
        .split('\r\n')
        .filter((l) => l.startsWith('operation,')),
    ).toHaveLength(121);
  });
});
