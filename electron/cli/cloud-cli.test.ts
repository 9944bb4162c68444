import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAliyunGateway, type AliyunGatewaySim } from '../../tools/sim/aliyun/index.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../tools/sim/tuya/index.ts';
import { cliRunner, type CliRun } from '../../test/support/cli/test-cli.ts';

const CLIENT = { id: 'cliclient0000000001', secret: 'clisecret00000000000000000000001' };

/**
 * `fcom cloud`, `fcom permissions` and `fcom cloud-remove` end to end, against simulators served by this test
 * process (the CLI runs as a child process, asynchronously, so the simulators keep answering).
 */
describe('fcom cloud, permissions and cloud-remove', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-cli-cloud-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase' };
  let tuya: TuyaCloudSim;
  let aliyun: AliyunGatewaySim;

  const cli = cliRunner(env);
  const fcom = (args: string[], stdin = ''): Promise<CliRun> => cli.withInput(stdin, ...args);

  beforeAll(async () => {
    tuya = await startTuyaCloud({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      seed: 'cli-cloud',
      people: generatePeople('cli-cloud', 12),
      channels: [{ name: 'Main Entrance' }, { name: 'Car Park Gate', online: false }],
      taskStepMs: 50,
      recordsPerStep: 10,
      // Only the offline car park fails.
      recordFailureRate: 0,
    });
    aliyun = await startAliyunGateway({
      appKey: 'cli-app',
      appSecret: 'cli-app-secret',
      projectId: 'cli-project',
      seed: 'cli',
      devices: [{ iotId: 'dev-a', permissions: [{ userType: 'IDENTITY', userId: 'u1' }] }],
      users: [
        { userType: 'IDENTITY', userId: 'u1' },
        { userType: 'IDENTITY', userId: 'u2' },
      ],
    });
  });
  afterAll(async () => {
    await tuya.close();
    await aliyun.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('configures Tuya (the secret read from stdin, never printed), tests it, pushes and retries the failed channel', async () => {
    const config = await fcom(
      [
        '--json',
        'cloud',
        'config',
        '--tuya-base-url',
        tuya.origin,
        '--tuya-project',
        tuya.projectId,
        '--tuya-client-id',
        CLIENT.id,
        '--tuya-client-secret',
        '-',
      ],
      `${CLIENT.secret}\n`,
    );
    expect(config.code, config.stderr).toBe(0);
    expect(JSON.parse(config.stdout)).toMatchObject({ tuya: { configured: true, secrets: { clientSecret: true } } });
    expect(config.stdout).not.toContain(CLIENT.secret);

    const test = await fcom(['cloud', 'test', 'tuya']);
    expect(test.code, test.stderr).toBe(0);
    expect(test.stdout).toContain('2 entrance/exit channel(s)');

    const channels = await fcom(['permissions', 'channels']);
    expect(channels.stdout).toMatch(/Car Park Gate.*NO/);

    const push = await fcom(['permissions', 'push', '--channels', 'all', '--mode', 'full', '--certificate', '2']);
    expect(push.code).toBe(1); // the car park's device is offline: its records fail
    expect(push.stdout).toMatch(/Car Park Gate\s+failed/);
    expect(push.stdout).toMatch(/fcom jobs retry-failed/);
    // Push words (issue 18): channels pushed and failed, never "removed" nor "already absent".
    expect(push.stdout).toMatch(/\(permission-push\): \w+, 2 channel\(s\)/);
    expect(push.stdout).toMatch(/pushed [0-2], failed [1-3], queued 0, cancelled 0/);
    expect(push.stdout).not.toMatch(/removed|already absent/);
    const jobId = /Job (\S+) \(permission-push\)/.exec(push.stdout)?.[1] ?? '';

    const tasks = JSON.parse((await fcom(['--json', 'permissions', 'tasks', jobId])).stdout) as {
      certificate: string;
      channels: { channelName: string; tasks: { taskId: string }[] }[];
    };
    expect(tasks.certificate).toBe('card+face');
    const carPark = tasks.channels.find((c) => c.channelName === 'Car Park Gate');
    const records = await fcom([
      'permissions',
      'tasks',
      '--task',
      carPark?.tasks[0]?.taskId ?? '',
      '--state',
      'failed',
    ]);
    expect(records.stdout).toMatch(/fingerprint/);
    expect(records.stdout).toMatch(/\n(\d+) of \1 record\(s\)/);

    const retry = await fcom(['permissions', 'retry-failed', jobId]);
    expect(retry.stderr).toMatch(/for 1 failed channel/);
    const increments = tuya.log.matching('/access-auth-issue/actions/increment');
    expect(increments.map((e) => (e.body as { channelIds: string[] }).channelIds)).toEqual([
      [tuya.channels().find((c) => c.accessControlChannelName === 'Car Park Gate')?.accessControlChannelId],
    ]);
  }, 60_000);

  it('removes faces from Alibaba Cloud devices as a job; exit 0 when every pair ends removed or already absent', async () => {
    const config = await fcom([
      'cloud',
      'config',
      '--aliyun-host',
      aliyun.origin,
      '--aliyun-project',
      'cli-project',
      '--aliyun-app-key',
      'cli-app',
      '--aliyun-app-secret',
      'cli-app-secret',
      '--aliyun-batch-size',
      '5',
    ]);
    expect(config.code, config.stderr).toBe(0);
    expect((await fcom(['cloud', 'test', 'aliyun'])).code).toBe(0);
    const run = await fcom(['cloud-remove', '--ids', 'u1,u2', '--scope-type', 'IOT_ID', '--scopes', 'dev-a']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/aliyun-removal.*done/);
    expect(aliyun.permissions()).toEqual([]);
  }, 60_000);
});
