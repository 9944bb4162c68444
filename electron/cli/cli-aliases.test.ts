import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushTasks } from '../../shared/domain/permissions.ts';
import type { JobSummary } from '../../shared/domain/removal.ts';
import type { SyncStatus } from '../../shared/domain/sync.ts';
import { startAliyunGateway, type AliyunGatewaySim } from '../../tools/sim/aliyun/index.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../tools/sim/tuya/index.ts';
import { startTerminal, waitUntil, type SimTerminal } from '../../test/support/removal/test-kit.ts';
import { cliRunner } from '../../test/support/cli/test-cli.ts';

const CLIENT = { id: 'aliasclient00000001', secret: 'aliassecret0000000000000000000001' };

/** A job id replaced, so the outputs of two jobs compare. */
const anonymous = (text: string, ...ids: string[]): string =>
  ids.reduce((t, id) => t.split(id).join('JOB').split(id.slice(0, 8)).join('JOB'), text);

/**
 * The short command names (`fcom push`, `fcom tasks`, `fcom remove --cloud`, `fcom queue list`, plain
 * `fcom sync`) against simulators on 127.0.0.1: the same channels, outputs and exit codes as the long names,
 * and refusals before anything is sent.
 */
describe('fcom push, tasks, remove --cloud, queue and sync (the short names)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-cli-aliases-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase' };
  const { fcom } = cliRunner(env);
  let tuya: TuyaCloudSim;
  let aliyun: AliyunGatewaySim;

  beforeAll(async () => {
    tuya = await startTuyaCloud({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      seed: 'cli-aliases',
      people: generatePeople('cli-aliases', 12),
      channels: [{ name: 'Main Entrance' }, { name: 'Car Park Gate', online: false }],
      taskStepMs: 50,
      recordsPerStep: 10,
      recordFailureRate: 0,
    });
    aliyun = await startAliyunGateway({
      appKey: 'alias-app',
      appSecret: 'alias-app-secret',
      projectId: 'alias-project',
      seed: 'alias',
      devices: [
        { iotId: 'dev-a', permissions: [{ userType: 'IDENTITY', userId: 'u1' }] },
        { iotId: 'dev-b', permissions: [{ userType: 'IDENTITY', userId: 'u1' }] },
      ],
      users: [
        { userType: 'IDENTITY', userId: 'u1' },
        { userType: 'IDENTITY', userId: 'u2' },
      ],
    });
    const config = await fcom(
      'cloud',
      'config',
      '--tuya-base-url',
      tuya.origin,
      '--tuya-project',
      tuya.projectId,
      '--tuya-client-id',
      CLIENT.id,
      '--tuya-client-secret',
      CLIENT.secret,
      '--aliyun-host',
      aliyun.origin,
      '--aliyun-project',
      'alias-project',
      '--aliyun-app-key',
      'alias-app',
      '--aliyun-app-secret',
      'alias-app-secret',
    );
    expect(config.code, config.stderr).toBe(0);
  });
  afterAll(async () => {
    await tuya.close();
    await aliyun.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fcom push --wait follows the job like fcom permissions push; without --wait it prints the job id', async () => {
    const long = await fcom('permissions', 'push', '--channels', 'all', '--mode', 'full', '--certificate', '2');
    const wait = await fcom('push', '--channels', 'all', '--mode', 'full', '--certificate', '2', '--wait');
    expect(long.code).toBe(1); // the car park's device is offline
    expect(wait.code).toBe(long.code);
    const longId = /Job (\S+) \(permission-push\)/.exec(long.stdout)?.[1] ?? '';
    const waitId = /Job (\S+) \(permission-push\)/.exec(wait.stdout)?.[1] ?? '';
    expect(waitId).not.toBe('');
    const tasksOf = (s: string): string => s.replace(/\b\d{12,}\b/g, 'TASK');
    expect(tasksOf(anonymous(wait.stdout, waitId))).toBe(tasksOf(anonymous(long.stdout, longId)));

    const pushesBefore = tuya.log.matching('/access-auth-issue/actions/').length;
    const started = await fcom('push', '--channels', 'all', '--mode', 'increment', '--certificate', '3');
    expect(started.code, started.stderr).toBe(0);
    const jobId = started.stdout.trim();
    expect(jobId).toMatch(/^\S+$/);
    expect(started.stderr).toContain(`Push ${jobId} started: 2 channel(s), increment, card+password.`);
    const json = await fcom('--json', 'push', '--channels', 'all', '--mode', 'full', '--certificate', '1');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ jobId: expect.any(String), channels: 2, certificate: 'card' });
    // The job is journaled: resume follows it to the end, like --wait would have.
    const resumed = await fcom('--json', 'jobs', 'resume', jobId);
    expect((JSON.parse(resumed.stdout) as JobSummary).kind).toBe('permission-push');
    expect(tuya.log.matching('/access-auth-issue/actions/').length).toBeGreaterThan(pushesBefore);
  }, 90_000);

  it('fcom tasks list|show|records print what fcom permissions tasks prints', async () => {
    const long = await fcom('--json', 'permissions', 'tasks');
    const list = await fcom('--json', 'tasks', 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toBe(long.stdout);
    const view = JSON.parse(list.stdout) as PushTasks;
    expect((await fcom('tasks', 'list', view.jobId ?? '')).stdout).toBe(
      (await fcom('permissions', 'tasks', view.jobId ?? '')).stdout,
    );

    const jobs = JSON.parse((await fcom('--json', 'jobs', 'list')).stdout) as JobSummary[];
    const failedPush = jobs.find((j) => j.kind === 'permission-push' && j.counts.failed > 0);
    const failed = JSON.parse((await fcom('--json', 'tasks', 'list', failedPush?.id ?? '')).stdout) as PushTasks;
    const taskId = failed.channels.find((c) => c.channelName === 'Car Park Gate')?.tasks[0]?.taskId ?? '';
    expect(taskId).not.toBe('');
    const records = await fcom('--json', 'tasks', 'records', taskId, '--state', 'failed');
    expect(records.code, records.stderr).toBe(0);
    expect(records.stdout).toBe(
      (await fcom('--json', 'permissions', 'tasks', '--task', taskId, '--state', 'failed')).stdout,
    );
    const show = await fcom('tasks', 'show', taskId);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^Task .* on Car Park Gate/);
    expect(show.stdout).toMatch(/fingerprint/);
    expect(show.stdout).not.toMatch(/record\(s\)/);
    const showJson = JSON.parse((await fcom('--json', 'tasks', 'show', taskId)).stdout) as Record<string, unknown>;
    expect(showJson).toMatchObject({ channelName: 'Car Park Gate', task: { taskId } });
    expect(showJson).not.toHaveProperty('records');
    expect((await fcom('tasks', 'records', taskId, '--state', 'nonsense')).code).toBe(2);
  }, 60_000);

  it('fcom remove --cloud aliyun refuses wrong scopes, user types and empty lists before sending anything', async () => {
    const sent = aliyun.log.all().length;
    const jobsBefore = (JSON.parse((await fcom('--json', 'jobs', 'list')).stdout) as unknown[]).length;
    const refusals: [string[], number, RegExp][] = [
      [['--ids', 'u1', '--scope', 'iot:dev-a,space:s1'], 1, /mixes iot: and space:/],
      [['--ids', 'u1', '--scope', 'iot:dev-a', '--user-type', 'NOBODY'], 2, /argument 'NOBODY' is invalid/],
      [['--ids', 'u1', '--scope', 'iot:'], 1, /--scope needs ids/],
      [['--ids', 'u1', '--scope', 'dev-a'], 1, /must start with iot:/],
      [['--ids', 'u1', '--scope', 'room:dev-a'], 1, /prefix must be iot:/],
      [['--ids', 'u1'], 1, /needs --scope/],
      [['--ids', ',', '--scope', 'iot:dev-a'], 1, /no rows with ids/],
      [['--ids', 'u1', '--scope', 'iot:dev-a', '--devices', 'all'], 1, /--devices applies to terminals/],
    ];
    for (const [args, code, message] of refusals) {
      const run = await fcom('remove', '--cloud', 'aliyun', ...args);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr).toMatch(message);
    }
    const missingDevices = await fcom('remove', '--ids', 'u1');
    expect(missingDevices.code).toBe(2);
    expect(missingDevices.stderr).toContain("required option '--devices <list>' not specified");
    expect(aliyun.log.all()).toHaveLength(sent);
    expect(JSON.parse((await fcom('--json', 'jobs', 'list')).stdout)).toHaveLength(jobsBefore);
    expect(aliyun.permissions()).toHaveLength(2);
  }, 60_000);

  it('fcom remove --cloud aliyun is fcom cloud-remove: the same job, output and exit code', async () => {
    const long = await fcom('cloud-remove', '--ids', 'u1,u2', '--scope-type', 'IOT_ID', '--scopes', 'dev-a');
    const short = await fcom(
      'remove',
      '--cloud',
      'aliyun',
      '--ids',
      'u1,u2',
      '--user-type',
      'IDENTITY',
      '--scope',
      'iot:dev-b',
    );
    expect(long.code, long.stdout + long.stderr).toBe(0);
    expect(short.code, short.stdout + short.stderr).toBe(0);
    const idOf = (s: string): string => /Job (\S+) \(aliyun-removal\)/.exec(s)?.[1] ?? 'none';
    expect(anonymous(short.stdout, idOf(short.stdout))).toBe(anonymous(long.stdout, idOf(long.stdout)));
    expect(short.stdout).toMatch(/aliyun-removal.*done/);
    expect(aliyun.permissions()).toEqual([]);
  }, 60_000);
});

describe('fcom queue list and plain fcom sync [--watch]', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-cli-aliases-sync-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase' };
  const { start, fcom } = cliRunner(env);
  const people = generatePeople('aliases-sync', 20);
  let sophon: SimTerminal;

  beforeAll(async () => {
    sophon = await startTerminal('sophon', 'SPH-ALIAS', people);
    expect((await fcom('devices', 'add', `127.0.0.1:${sophon.port}`, '--kind', 'sophon')).code).toBe(0);
    expect((await fcom('settings', 'set', '--request-timeout', '1500')).code).toBe(0);
  });
  afterAll(async () => {
    await sophon.cutOff();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('queue list = sync list; sync = sync now; --watch repeats until the queue is empty', async () => {
    await sophon.cutOff();
    const ids = people
      .slice(0, 5)
      .map((p) => p.identityId)
      .join(',');
    expect((await fcom('remove', '--ids', ids, '--devices', 'all')).code).toBe(1);

    for (const args of [[], ['--state', 'queued'], ['--limit', '2']]) {
      const queue = await fcom('queue', 'list', ...args);
      expect(queue.code).toBe(0);
      expect(queue.stdout).toBe((await fcom('sync', 'list', ...args)).stdout);
      expect((await fcom('--json', 'queue', 'list', ...args)).stdout).toBe(
        (await fcom('--json', 'sync', 'list', ...args)).stdout,
      );
    }

    const plain = await fcom('sync', '--json');
    const now = await fcom('sync', 'now', '--json');
    expect(plain.code).toBe(1);
    expect(plain.code).toBe(now.code);
    const counts = (s: string): SyncStatus['counts'] => (JSON.parse(s) as SyncStatus).counts;
    expect(counts(plain.stdout)).toEqual(counts(now.stdout));
    expect(counts(plain.stdout)).toMatchObject({ queued: 5 });
    expect((await fcom('sync')).stdout).toContain('Sync queue: 5 queued');

    // Ctrl-C ends a watch with the exit code of its last status.
    const interrupted = start('sync', '--watch', '--json', '--interval', '0.2');
    let lines = '';
    interrupted.child.stdout?.on('data', (c: Buffer) => (lines += c.toString('utf8')));
    await waitUntil(() => lines.split('\n').filter(Boolean).length >= 2, 20_000, 'two watch rounds');
    interrupted.child.kill('SIGINT');
    const stopped = await interrupted.done;
    expect(stopped.code).toBe(1);
    for (const line of stopped.stdout.trim().split('\n')) expect(counts(line).queued).toBe(5);

    const watching = start('sync', '--watch', '--json', '--interval', '0.2');
    await sophon.bringBack();
    const watched = await watching.done;
    expect(watched.code, watched.stderr).toBe(0);
    const rounds = watched.stdout.trim().split('\n');
    expect(counts(rounds.at(-1) ?? '')).toMatchObject({ queued: 0, running: 0, done: 5 });
  }, 120_000);
});
