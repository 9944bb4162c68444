import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary, RemovalPlan } from '../../shared/domain/removal.ts';
import { DATABASE_FILE } from '../core/compose.ts';
import { openDatabase } from '../core/db/database.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import {
  acknowledgedThenResent,
  deleteRequests,
  idsSent,
  startTerminal,
  waitUntil,
  type SimTerminal,
} from '../../test/support/removal/test-kit.ts';
import { cliRunner } from '../../test/support/cli/test-cli.ts';

const people = generatePeople('cli-crash', 120);
const listed = people.slice(0, 100);

/**
 * The CLI end to end against simulators served by this test process: the CLI runs as a child process
 * (asynchronously, so the simulators keep answering), is killed with SIGKILL in the middle of a job, and
 * `fcom jobs resume` finishes it.
 */
describe('fcom remove and fcom jobs, with a kill -9 in the middle of a job', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-cli-removal-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase' };
  let sophon: SimTerminal;
  let panel: SimTerminal;

  const { start, fcom } = cliRunner(env);

  beforeAll(async () => {
    sophon = await startTerminal('sophon', 'SPH-CLI', people);
    panel = await startTerminal('basip', 'BAS-CLI', people);
    expect((await fcom('devices', 'add', `127.0.0.1:${sophon.port}`, '--kind', 'sophon')).code).toBe(0);
    const added = await fcom(
      'devices',
      'add',
      `127.0.0.1:${panel.port}`,
      '--username',
      'admin',
      '--password',
      '123456',
    );
    expect(added.code, added.stderr).toBe(0);
    const settings = await fcom(
      'settings',
      'set',
      '--sophon-batch-size',
      '10',
      '--basip-batch-size',
      '10',
      '--request-timeout',
      '2500',
    );
    expect(settings.code, settings.stderr).toBe(0);
  });
  afterAll(async () => {
    await sophon.cutOff();
    await panel.cutOff();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'imports a GBK CSV, survives kill -9, and `fcom jobs resume` finishes without sending an acknowledged id twice',
    { timeout: 60_000 },
    async () => {
      const csv = ['人员编号,关联ID,姓名', ...listed.map((p) => `${p.identityId},${p.linkId},${p.name}`)].join('\r\n');
      const file = join(dataDir, '待删除人员.csv');
      writeFileSync(file, iconv.encode(csv, 'gbk'));

      const dry = await fcom('remove', '--file', file, '--devices', 'all', '--dry-run', '--json');
      expect(dry.code, dry.stderr).toBe(0);
      const plan = JSON.parse(dry.stdout) as RemovalPlan;
      expect(plan.terminals.map((t) => [t.kind, t.items, t.requests]).sort()).toEqual([
        ['basip', 100, 10],
        ['sophon', 100, 10],
      ]);
      expect(deleteRequests(sophon.device)).toHaveLength(0);

      // Slow deletes (20 ms per id) so the job takes a few seconds; kill the CLI once both terminals removed some.
      for (const t of [sophon, panel]) t.device.knobs.set({ perItemLatencyMs: 20 });
      const running = start('remove', '--file', file, '--devices', 'all');
      await waitUntil(
        () => [sophon, panel].every((t) => deleteRequests(t.device).filter((r) => r.status === 200).length >= 2),
        20_000,
        'two acknowledged batches per terminal',
      );
      running.child.kill('SIGKILL');
      const killed = await running.done;
      expect(killed.code).toBeNull();
      expect(killed.stderr).toMatch(/Job [0-9a-z]{12} started: 200 items on 2 terminal/);
      for (const t of [sophon, panel]) t.device.knobs.set({ perItemLatencyMs: 0 });
      // The kill came while requests were out: their batches are journaled 'sending', answers unknown.
      const db = openDatabase(join(dataDir, DATABASE_FILE));
      const open = db.sqlite.prepare(`SELECT COUNT(*) AS n FROM job_batches WHERE state = 'sending'`).get() as {
        n: number;
      };
      db.close();
      expect(open.n).toBeGreaterThanOrEqual(1);

      const listed1 = await fcom('jobs', 'list', '--json');
      const [job] = JSON.parse(listed1.stdout) as JobSummary[];
      expect(job?.state).toBe('running');
      expect(job?.counts.removed).toBeGreaterThan(0);
      expect(job?.counts.removed).toBeLessThan(200);

      const resumed = await fcom('jobs', 'resume', job?.id as string, '--json');
      expect(resumed.code, resumed.stderr).toBe(0);
      const summary = JSON.parse(resumed.stdout) as JobSummary;
      expect(summary).toMatchObject({ state: 'done', counts: { removed: 200, failed: 0, queued: 0, pending: 0 } });

      for (const t of [sophon, panel]) {
        expect(acknowledgedThenResent(t.device), t.kind).toEqual([]);
        const acknowledged = deleteRequests(t.device).flatMap((r) => r.acknowledged ?? []);
        expect(new Set(acknowledged).size, t.kind).toBe(100);
      }
      expect(sophon.device.stats().people).toBe(20);

      const out = join(dataDir, 'report.csv');
      const exported = await fcom('jobs', 'export', job?.id as string, '--format', 'csv', '--out', out);
      expect(exported.code, exported.stderr).toBe(0);
      const report = readFileSync(out, 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(report).toHaveLength(201);
      expect(report[0]).toBe(
        'terminal,terminal_kind,line,name,person_key,id_kind,native_id,face_id,outcome,evidence,raw_code,reason,attempts,verified,updated_at',
      );
      expect(report.filter((line) => line.includes(',removed,'))).toHaveLength(200);
      expect(report.some((line) => line.includes(listed[0]?.name as string))).toBe(true);
      // The unanswered batches were settled by reading the terminals, not by sending them again.
      expect(report.filter((line) => line.includes(',recheck:absent,')).length).toBeGreaterThanOrEqual(1);
    },
  );

  it(
    'exits 0 when every id ends removed or already absent, and 1 with the queued items of an offline terminal',
    { timeout: 30_000 },
    async () => {
      const sent = deleteRequests(panel.device).length;
      const absent = await fcom(
        'remove',
        '--ids',
        `${people[110]?.linkId},${listed[0]?.linkId}`,
        '--devices',
        'BAS-CLI',
      );
      expect(absent.code, absent.stderr).toBe(0);
      expect(absent.stdout).toContain('removed 1, already absent 1, failed 0');
      expect(deleteRequests(panel.device).slice(sent).flatMap(idsSent)).toHaveLength(2);

      await panel.cutOff();
      const queued = await fcom('remove', '--ids', String(people[111]?.linkId), '--devices', 'all', '--json');
      expect(queued.code).toBe(1);
      const summary = JSON.parse(queued.stdout) as JobSummary;
      // The Sophon terminal takes the id as an identity_id it does not hold; the panel's item waits.
      expect(summary).toMatchObject({ state: 'running', counts: { queued: 1, 'already-absent': 1, failed: 0 } });
      const usage = await fcom('remove', '--devices', 'all');
      expect(usage.code).toBe(1);
      expect(usage.stderr).toContain('either --ids ID,ID,... or --file PATH');
    },
  );
});
