import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../../test/support/cli/test-cli.ts';

describe('fcom report --technician --customer', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-report-cli-'));
  const { fcom } = cliRunner({ ...process.env, FCOM_DATA_DIR: dataDir, FCOM_MDNS: 'off' });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The sign-off block of a written report. */
  const signOff = (path: string): string => {
    const html = readFileSync(path, 'utf8');
    return html.slice(html.indexOf('<section id="sign-off"'));
  };

  it('pre-fills the names of the sign-off block, escaped; blank lines without them', { timeout: 30_000 }, async () => {
    const signed = join(dataDir, 'signed.html');
    const run = await fcom(
      'report',
      '--format',
      'html',
      '--out',
      signed,
      '--technician',
      'Wang <Fang>',
      '--customer',
      '陈静 (物业)',
    );
    expect(run.code, run.stderr).toBe(0);
    const block = signOff(signed);
    expect(block).toContain('Sign-off · 签字确认');
    expect(block).toMatch(/data-role="technician">.*<span class="filled">Wang &#60;Fang&#62;<\/span>/s);
    expect(block).toMatch(/data-role="customer">.*<span class="filled">陈静 \(物业\)<\/span>/s);

    const blank = join(dataDir, 'blank.html');
    expect((await fcom('report', '--format', 'html', '--out', blank)).code).toBe(0);
    expect(signOff(blank)).toContain('Technician · 调试技术员');
    expect(signOff(blank)).not.toContain('class="filled"');
  });

  it('refuses a name on two lines and says which option', { timeout: 30_000 }, async () => {
    const run = await fcom('report', '--format', 'html', '--out', join(dataDir, 'x.html'), '--technician', 'A\nB');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^fcom: --technician must be one line .*fcom report .*\(VALIDATION\)\n$/s);
  });
});
