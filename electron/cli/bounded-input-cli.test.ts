import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FCOM } from '../../test/support/cli/test-cli.ts';

// Issue 21: hostile files given to `fcom remove --file` get a clear one-line error with memory bounded, and a
// full disk is "full (free N MB)", not a broken disk. Peak memory is GNU time's "maximum resident set size".

const hasTime = existsSync('/usr/bin/time') && process.platform === 'linux';
let dir = '';
let env: NodeJS.ProcessEnv = {};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fcom-bounded-cli-'));
  env = { ...process.env, FCOM_DATA_DIR: join(dir, 'data'), FCOM_SECRET_KEY: 'test-passphrase', FCOM_MDNS: 'off' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs fcom under GNU time: exit code, stderr (time's line removed) and peak memory in MB. */
function fcomMeasured(...args: string[]): { code: number | null; stderr: string; maxRssMb: number } {
  const run = spawnSync('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', process.execPath, FCOM, ...args], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const kb = Number(/MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN);
  return { code: run.status, stderr: run.stderr.replace(/MAXRSS_KB=\d+\n?/, ''), maxRssMb: Math.round(kb / 1024) };
}

describe.skipIf(!hasTime)('fcom remove --file with hostile files (Linux, GNU time)', () => {
  it('/dev/zero: "not a regular file", exit 1, memory under 300 MB', () => {
    const run = fcomMeasured('remove', '--file', '/dev/zero', '--devices', 'all', '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\/dev\/zero is not a regular file/);
    expect(run.maxRssMb).toBeLessThan(300);
  }, 120_000);

  it('a 100 MB CSV: the size and the cap are named, memory under 300 MB', () => {
    const path = join(dir, 'big.csv');
    const fd = openSync(path, 'w');
    const chunk = Buffer.from(`identity_id,name\n${'123456,Zhang San\n'.repeat(60_000)}`);
    for (let written = 0; written < 100 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    const run = fcomMeasured('remove', '--file', path, '--devices', 'all', '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is 100 MB; the largest accepted is 12 MB/);
    expect(run.maxRssMb).toBeLessThan(300);
  }, 120_000);

  it('a 10 MB name: that row is refused by line, memory under 300 MB', () => {
    const path = join(dir, 'name.csv');
    writeFileSync(path, `identity_id,name\n100001,${'x'.repeat(10 * 1024 * 1024)}\n`);
    const run = fcomMeasured('remove', '--file', path, '--devices', 'all', '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/None of the 1 rows is valid.*line 2: This name is longer than 200 characters/);
    expect(run.maxRssMb).toBeLessThan(300);
  }, 120_000);
});

const canMount = process.platform === 'linux' && process.getuid?.() === 0;

describe.skipIf(!canMount)('fcom jobs list on a full disk (a 2 MiB tmpfs; Linux, root)', () => {
  it('says the disk is full with the free MB, not that it is broken', () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'fcom-full-cli-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
    try {
      const data = join(mountPoint, 'data');
      const first = spawnSync(process.execPath, [FCOM, '--data-dir', data, 'jobs', 'list'], { env, encoding: 'utf8' });
      expect(first.status).toBe(0);
      // Fill the rest of the disk, as another program would.
      try {
        for (let i = 0; ; i++) writeFileSync(join(mountPoint, `filler-${i}`), Buffer.alloc(16 * 1024));
      } catch {
        // full
      }
      const run = spawnSync(process.execPath, [FCOM, '--data-dir', data, 'jobs', 'list'], { env, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/is full \(free 0 MB\)/);
      expect(run.stderr).not.toMatch(/disk failed/);
    } finally {
      execFileSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  }, 120_000);
});
