import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation, SyncPage, SyncStatus } from '../../shared/domain/sync.ts';
import { acknowledgedThenResent, deleteRequests, idsSent, waitUntil } from '../support/removal/test-kit.ts';
import { cliRunner, type CliRun } from '../support/cli/test-cli.ts';
import {
  ALIYUN_APP,
  ALIYUN_DEVICES,
  TUYA_CLIENT,
  acknowledgedIds,
  aliyunDeletionCounts,
  aliyunSuccessfulDeletes,
  aliyunUsersSent,
  issuedChannels,
  linkIdsHeld,
  readCsvReport,
  setSiteOnline,
  startVisitSite,
  tuyaIssueCalls,
  type ReportRow,
  type VisitSite,
} from './visit-site.ts';

const REMOVED = 500;
const KEPT = 6;
const TERMINAL_OPS = REMOVED * 3;
const ALIYUN_OPS = REMOVED * ALIYUN_DEVICES.length;
const TOTAL = TERMINAL_OPS + ALIYUN_OPS + 2;

/**
 * Issue 7's combined acceptance scenario, through real `fcom` processes against simulators on 127.0.0.1: with
 * both clouds offline and three terminals cut off, remove 500 people from every terminal and from Alibaba, push
 * permissions on two channels; restore everything, `kill -9` the sync mid-way, restart it; the simulators' logs
 * show each operation applied exactly once and the report lists every item with its outcome and timestamps.
 */
describe('issue 7 acceptance: an offline site visit, kill -9 mid-sync, exactly once', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-acceptance-visit-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase' };
  const { start, fcom } = cliRunner(env);
  let site: VisitSite;
  /** The operation rows of the CSV report, for the cloud timestamps' check. */
  let report: ReportRow[] = [];

  const ok = async (...args: string[]): Promise<CliRun> => {
    const run = await fcom(...args);
    expect(run.code, `fcom ${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run;
  };
  /** Every operation of the queue, page by page (`fcom queue list --json`). */
  const queue = async (): Promise<Operation[]> => {
    const all: Operation[] = [];
    for (let offset = 0; ; offset += 1000) {
      const run = await ok('--json', 'queue', 'list', '--limit', '1000', '--offset', String(offset));
      const page = JSON.parse(run.stdout) as SyncPage;
      all.push(...page.items);
      if (page.items.length === 0 || all.length >= page.matching) return all;
    }
  };

  beforeAll(async () => {
    site = await startVisitSite(REMOVED, KEPT);
    for (const t of site.terminals) {
      const credentials = t.kind === 'basip' ? ['--username', 'admin', '--password', '123456'] : [];
      const added = await ok('--json', 'devices', 'add', `127.0.0.1:${t.port}`, '--kind', t.kind, ...credentials);
      t.serial = (JSON.parse(added.stdout) as { serial: string }[])[0]?.serial ?? '';
    }
    await ok('settings', 'set', '--sophon-batch-size', '50', '--basip-batch-size', '50', '--request-timeout', '2500');
    const { tuya, aliyun } = site;
    await ok(
      'cloud',
      'config',
      ...['--tuya-base-url', tuya.origin, '--tuya-project', tuya.projectId],
      ...['--tuya-client-id', TUYA_CLIENT.id, '--tuya-client-secret', TUYA_CLIENT.secret],
      ...['--aliyun-host', aliyun.origin, '--aliyun-project', ALIYUN_APP.project],
      ...['--aliyun-app-key', ALIYUN_APP.key, '--aliyun-app-secret', ALIYUN_APP.secret],
      ...['--aliyun-batch-size', '50', '--aliyun-rps', '50'],
    );
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('queues everything offline, survives kill -9 mid-sync, and applies each operation exactly once', async () => {
    const { terminals, tuya, aliyun } = site;
    await setSiteOnline(site, false);

    // 1. Offline: each command journals its work and exits 1, the work queued with its reason. (They run side by
    // side: separate processes, separate jobs, one data directory.)
    const list = join(dataDir, 'leavers.csv');
    const rows = site.removed.map((p) => `${p.identityId},${p.linkId},${p.name}`);
    writeFileSync(list, ['人员编号,关联ID,姓名', ...rows].join('\r\n'));
    const offline = await Promise.all([
      fcom('remove', '--file', list, '--devices', 'all'),
      fcom(
        'remove',
        '--cloud',
        'aliyun',
        '--file',
        list,
        '--column',
        '人员编号',
        '--scope',
        `iot:${ALIYUN_DEVICES.join(',')}`,
      ),
      fcom('push', '--channels', site.pushedChannels.join(','), '--mode', 'full', '--certificate', '2', '--wait'),
    ]);
    for (const run of offline) expect(run.code, run.stdout + run.stderr).toBe(1);

    const queued = await queue();
    expect(queued).toHaveLength(TOTAL);
    const bySource = (source: string): Operation[] => queued.filter((op) => op.source === source);
    expect(bySource('removal')).toHaveLength(TERMINAL_OPS);
    expect(bySource('aliyun')).toHaveLength(ALIYUN_OPS);
    expect(bySource('push').map((op) => op.subject)).toEqual(expect.arrayContaining(site.pushedChannels));
    for (const op of queued) {
      const reasonCode = op.targetKind === 'terminal' ? 'terminal-offline' : 'cloud-unreachable';
      expect({ id: op.id, state: op.state, reasonCode: op.reasonCode }).toEqual({
        id: op.id,
        state: 'queued',
        reasonCode,
      });
    }
    expect(terminals.flatMap((t) => deleteRequests(t.device))).toEqual([]);
    expect(tuyaIssueCalls(tuya)).toEqual([]);

    // 2. Everything back, but slow. Kill the sync once every terminal and Alibaba acknowledged some deletes and the
    // Tuya cloud took both issue calls (their tasks take a few seconds: the push is being followed).
    for (const t of terminals) t.device.knobs.set({ perItemLatencyMs: 3 });
    aliyun.knobs.set({ latencyMs: 300 });
    await setSiteOnline(site, true);
    const syncing = start('sync', 'now');
    const acknowledgedBatches = (t: (typeof terminals)[number]): number =>
      deleteRequests(t.device).filter((r) => r.status === 200 && (r.acknowledged?.length ?? 0) > 0).length;
    await waitUntil(
      () =>
        terminals.every((t) => acknowledgedBatches(t) >= 2) &&
        aliyunSuccessfulDeletes(aliyun).length >= 2 &&
        tuyaIssueCalls(tuya).filter((r) => r.status === 200).length >= 2,
      40_000,
      'acknowledged deletes on every terminal and on Alibaba, and both Tuya issue calls',
    );
    syncing.child.kill('SIGKILL');
    expect((await syncing.done).code).toBeNull();
    // Killed mid-way: terminals and Alibaba had applied part of their work, not all of it.
    const terminalAcks = terminals.map((t) => acknowledgedIds(t.device).length).reduce((a, b) => a + b);
    expect(terminalAcks).toBeGreaterThan(0);
    expect(terminalAcks).toBeLessThan(TERMINAL_OPS);
    expect(aliyunDeletionCounts(aliyun).size).toBeLessThan(ALIYUN_OPS);
    for (const t of terminals) t.device.knobs.set({ perItemLatencyMs: 0 });
    aliyun.knobs.set({ latencyMs: 0 });

    // `sync status` exits 1 while work waits.
    const killed = (JSON.parse((await fcom('--json', 'sync', 'status')).stdout) as SyncStatus).counts;
    expect(killed.done).toBeGreaterThan(0);
    expect(killed.done).toBeLessThan(TOTAL);
    // Every target had answered: nothing still says "queued, does not answer" (the rest was on its way).
    expect(killed).toMatchObject({ queued: 0, running: TOTAL - killed.done, 'needs-attention': 0, discarded: 0 });

    // 3. Restart: sync until nothing is queued or running; the queue ends empty, everything done.
    const watched = await fcom('--json', 'sync', '--watch', '--interval', '0.5');
    expect(watched.code, watched.stderr).toBe(0);
    const last = JSON.parse(watched.stdout.trim().split('\n').at(-1) ?? '{}') as SyncStatus;
    expect(last.counts).toEqual({ queued: 0, running: 0, done: TOTAL, 'needs-attention': 0, discarded: 0 });

    // 4. The simulators' logs: each operation applied exactly once, nobody else touched.
    const keptIds = new Set(site.kept.flatMap((p) => [p.identityId, p.linkId.toLowerCase()]));
    for (const t of terminals) {
      expect(acknowledgedThenResent(t.device), t.serial).toEqual([]);
      const wanted = site.removed.map((p) => (t.kind === 'sophon' ? p.identityId : p.linkId.toLowerCase()));
      expect(acknowledgedIds(t.device).sort(), t.serial).toEqual(wanted.sort());
      const sent = deleteRequests(t.device).flatMap(idsSent);
      expect(
        sent.filter((id) => keptIds.has(id.toLowerCase())),
        t.serial,
      ).toEqual([]);
      // Sophon: people; BAS-IP: the link-id identifiers (a panel's face identifiers carry no link id).
      if (t.kind === 'sophon') expect(t.device.stats().people, t.serial).toBe(KEPT);
      else expect(linkIdsHeld(t).sort(), t.serial).toEqual(site.kept.map((p) => p.linkId.toLowerCase()).sort());
    }

    const deletions = aliyunDeletionCounts(aliyun);
    const pairs = ALIYUN_DEVICES.flatMap((scope) => site.removed.map((p) => `${scope}/${p.identityId}`));
    expect([...deletions.keys()].sort()).toEqual(pairs.sort());
    expect([...deletions.entries()].filter(([, times]) => times !== 1)).toEqual([]);
    const keptUsers = site.kept.map((p) => p.identityId);
    expect(aliyunUsersSent(aliyun).filter((u) => keptUsers.includes(u))).toEqual([]);
    const stillThere = aliyun.permissions().map((p) => `${p.iotId}/${p.userId}`);
    expect(stillThere.sort()).toEqual(ALIYUN_DEVICES.flatMap((d) => keptUsers.map((u) => `${d}/${u}`)).sort());

    expect(tuyaIssueCalls(tuya).flatMap(issuedChannels).sort()).toEqual([...site.pushedChannels].sort());
    const tasks = tuya.tasks();
    expect(tasks.map((task) => task.channelId).sort()).toEqual([...site.pushedChannels].sort());
    expect(tasks.map((task) => [task.authIssueType, task.status, task.failedNum])).toEqual([
      [1, 'allSuccessful', 0],
      [1, 'allSuccessful', 0],
    ]);

    // 5. The report: every item with its outcome and timestamps, as CSV (parsed) and as printable HTML.
    const csvPath = join(dataDir, 'visit.csv');
    await ok('report', '--format', 'csv', '--out', csvPath);
    const csv = readCsvReport(readFileSync(csvPath, 'utf8'));
    expect(csv.errors).toEqual([]);
    expect(csv.terminals.sort()).toEqual(terminals.map((t) => t.serial).sort());
    report = csv.operations;
    expect(report).toHaveLength(TOTAL);
    expect(new Set(report.map((row) => row.operation_id)).size).toBe(TOTAL);
    const perTarget = (target: string): number => report.filter((row) => row.target === target).length;
    for (const t of terminals) expect(perTarget(t.serial), t.serial).toBe(REMOVED);
    expect(perTarget('aliyun')).toBe(ALIYUN_OPS);
    expect(report.filter((row) => row.source === 'push').map((row) => row.subject)).toEqual(
      expect.arrayContaining(site.pushedChannels),
    );
    for (const row of report) {
      const outcomes = row.source === 'push' ? ['done'] : ['removed', 'already-absent'];
      const seen = { id: row.operation_id, state: row.state, outcome: outcomes.includes(row.outcome) };
      expect(seen).toEqual({ id: row.operation_id, state: 'done', outcome: true });
      expect(Date.parse(row.synced_at), `${row.operation_id} synced_at`).toBeGreaterThan(0);
    }
    for (const row of report.filter((r) => r.source === 'removal')) {
      expect(Date.parse(row.queued_at), `${row.operation_id} queued_at`).toBeLessThan(Date.parse(row.synced_at));
    }

    const htmlPath = join(dataDir, 'visit.html');
    await ok('report', '--format', 'html', '--out', htmlPath);
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).toContain(`${TOTAL} operations on 3 terminals and`);
    expect(html).toContain(`${TOTAL} done (`);
    expect(html.match(/<span class="state-done">done<\/span>/g) ?? []).toHaveLength(TOTAL);
    const listed = new Set([...html.matchAll(/<tr><td>([a-z]+:\d+)<br>/g)].map((m) => m[1]));
    expect(report.filter((row) => !listed.has(row.operation_id))).toEqual([]);
  }, 120_000);

  // The cloud tables keep queued_at and synced_at (migration 6): every cloud operation has both, in order.
  it('reports when each cloud operation was queued, before it was synced', () => {
    const cloudRows = report.filter((row) => row.source !== 'removal');
    expect(cloudRows).toHaveLength(ALIYUN_OPS + 2);
    for (const row of cloudRows) {
      expect(Date.parse(row.queued_at), `${row.operation_id} queued_at`).toBeLessThan(Date.parse(row.synced_at));
    }
  });
});
