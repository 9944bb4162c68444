import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../shared/domain/removal.ts';
import { AppError } from '../../shared/errors.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { startTerminal, type SimTerminal } from '../../test/support/removal/test-kit.ts';
import { resolveJobIdAmong } from './job-id.ts';
import { formatError } from './output.ts';
import { cliRunner } from '../../test/support/cli/test-cli.ts';

const IDS = ['1a2b3c4d-0000-4000-8000-000000000001', '1a2b9999-0000-4000-8000-000000000002', 'ffee0000-1111'];

describe('short job ids (a unique prefix, like git)', () => {
  it('takes the full id, or the one id a prefix of 4+ characters starts (any case)', () => {
    expect(resolveJobIdAmong(IDS[2] ?? '', IDS)).toBe(IDS[2]);
    expect(resolveJobIdAmong('1a2b3c4d', IDS)).toBe(IDS[0]);
    expect(resolveJobIdAmong('FFEE', IDS)).toBe(IDS[2]);
  });

  it('never guesses: an ambiguous, unknown or too short prefix is refused with the command that helps', () => {
    const refusal = (text: string) => {
      try {
        resolveJobIdAmong(text, IDS);
      } catch (error) {
        return error as AppError;
      }
      throw new Error(`accepted ${text}`);
    };
    expect(refusal('1a2b').details).toMatchObject({ messageCode: 'job.ambiguous', params: { count: 2 } });
    expect(refusal('dead').code).toBe('NOT_FOUND');
    expect(refusal('1a2').details).toMatchObject({ messageCode: 'job.prefix-short' });
    expect(formatError(refusal('dead'))).toContain('fcom jobs list');
    expect(formatError(refusal('dead'), 'zh-CN')).toContain('fcom jobs list');
    expect(formatError(refusal('dead'), 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('fcom with short job ids and errors that name fcom commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-short-id-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase' };
  const { fcom } = cliRunner(env);
  const people = generatePeople('short-id', 4);
  let sophon: SimTerminal;

  beforeAll(async () => {
    sophon = await startTerminal('sophon', 'SPH-SHORT', people);
    const added = await fcom('devices', 'add', `127.0.0.1:${sophon.port}`, '--kind', 'sophon');
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => {
    await sophon.cutOff();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('`fcom jobs show|export` accept the 8-character id the CLI prints', { timeout: 60_000 }, async () => {
    const ran = await fcom('remove', '--ids', String(people[0]?.linkId), '--devices', 'all', '--json');
    expect([0, 1]).toContain(ran.code);
    const list = await fcom('jobs', 'list', '--json');
    const [job] = JSON.parse(list.stdout) as JobSummary[];
    if (!job) throw new Error('no job was journaled');
    const short = job.id.slice(0, 8);
    const shown = await fcom('jobs', 'show', short, '--json');
    expect(shown.code, shown.stderr).toBe(0);
    expect((JSON.parse(shown.stdout) as { job: JobSummary }).job.id).toBe(job.id);
    const out = join(dataDir, 'r.csv');
    const exported = await fcom('jobs', 'export', short.toUpperCase(), '--format', 'csv', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    const unknown = await fcom('jobs', 'show', 'zzzz9999');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('fcom jobs list');
  });

  it('`fcom devices label` sets the location label `devices list` shows; an unknown serial names fcom devices list', async () => {
    type Row = { serial: string; label: string | null };
    const before = JSON.parse((await fcom('--json', 'devices', 'list')).stdout) as Row[];
    const serial = before[0]?.serial ?? '';
    expect(before[0]?.label).toBeNull();
    const set = await fcom('devices', 'label', serial, 'Gate 3 entrance');
    expect(set.code, `${serial}: ${set.stderr}`).toBe(0);
    const list = JSON.parse((await fcom('--json', 'devices', 'list')).stdout) as Row[];
    expect(list.find((t) => t.serial === serial)?.label).toBe('Gate 3 entrance');
    const unknown = await fcom('devices', 'label', 'NOPE-1', 'x');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('fcom devices list');
  });

  it('an address refusal names the fcom command, not a GUI form', async () => {
    const refused = await fcom('devices', 'add', '300.1.1.1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('fcom devices add');
    expect(refused.stderr).not.toMatch(/details|Settings ›|menu/i);
  });
});
