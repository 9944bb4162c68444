import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionRow, PersonPermissions } from '../../shared/domain/permission-browser.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../tools/sim/tuya/index.ts';
import { cliRunner } from '../../test/support/cli/test-cli.ts';

const CLIENT = { id: 'cliclient0000000002', secret: 'clisecret00000000000000000000002' };

/** `fcom permissions list|show|repush` end to end against the simulated cloud (child processes). */
describe('fcom permissions list, show and repush', { timeout: 90_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-cli-browse-'));
  const cli = cliRunner({ ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase' });
  let tuya: TuyaCloudSim;

  beforeAll(async () => {
    tuya = await startTuyaCloud({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      seed: 'cli-browse',
      people: generatePeople('cli-browse', 40),
      channels: [{ name: '正门' }, { name: 'Lab Door' }],
      taskStepMs: 20,
      recordsPerStep: 20,
      // Pages capped at 9 rows without a word, and no has_more: only the stated total tells there is more.
      knobs: { pageCap: 9, variants: ['no-has-more'] },
    });
    const config = await cli.withInput(
      `${CLIENT.secret}\n`,
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
    );
    expect(config.code, config.stderr).toBe(0);
  });
  afterAll(async () => {
    await tuya.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists by channel and face state (every page by the total), shows a person and re-pushes them', async () => {
    const lab = tuya.channels()[1]?.accessControlChannelId ?? '';
    const listed = await cli.fcom('--json', 'permissions', 'list', '--channels', lab, '--face', 'to-be-sent', '--all');
    expect(listed.code, listed.stderr).toBe(0);
    const answer = JSON.parse(listed.stdout) as { rows: PermissionRow[]; total: number; complete: boolean };
    expect(answer.complete).toBe(true);
    expect(answer.total).toBeGreaterThan(9);
    expect(answer.rows).toHaveLength(answer.total);
    expect(answer.rows.every((r) => r.channelId === lab && r.face.state === 'to-be-sent')).toBe(true);

    const page2 = await cli.fcom(
      'permissions',
      'list',
      '--channels',
      lab,
      '--face',
      'to-be-sent',
      '--page',
      '2',
      '--page-size',
      '5',
    );
    expect(page2.code, page2.stderr).toBe(0);
    expect(page2.stdout).toContain(`rows 6-10 of `);
    expect(page2.stdout).toContain(answer.rows[5]?.accessAuthId ?? '?');
    expect(page2.stdout).toMatch(/FACE\s+CARD\s+FINGERPRINT/);

    const row = answer.rows.find((r) => (r.face.total ?? 0) > 0) ?? answer.rows[0];
    const shown = await cli.fcom('--json', 'permissions', 'show', row?.accessAuthId ?? '');
    expect(shown.code, shown.stderr).toBe(0);
    const person = JSON.parse(shown.stdout) as PersonPermissions;
    expect(person).toMatchObject({ personId: row?.personId, complete: true });
    expect(person.permissions.map((p) => p.channelId)).toContain(lab);

    const before = tuya.tasks().length;
    const repush = await cli.fcom('permissions', 'repush', row?.accessAuthId ?? '', '--certificate', '2');
    expect(repush.stderr).toMatch(/Push \S+ started for \d channel/);
    const created = tuya.tasks().slice(0, tuya.tasks().length - before);
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((t) => t.authIssueType === 2)).toBe(true);
    expect(created.find((t) => t.channelId === lab)?.records.map((r) => r.personId)).toContain(row?.personId);
    // Exit 0 only when every pushed channel's records were sent; the cloud's records decide.
    const allSent = created.every((t) => t.records.every((r) => r.issueStatus === 'succeeded'));
    expect(repush.code).toBe(allSent ? 0 : 1);

    const unknown = await cli.fcom('permissions', 'list', '--face', 'maybe');
    expect(unknown.code).toBe(2);
  });
});
