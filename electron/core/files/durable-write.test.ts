import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { removeStaleTemporaries, writeFileDurably, writeFileDurablySync } from './durable-write.ts';

const canMount = process.platform === 'linux' && process.getuid?.() === 0;

describe.each([
  ['writeFileDurably', (p: string, d: string | Uint8Array) => writeFileDurably(p, d)],
  ['writeFileDurablySync', async (p: string, d: string | Uint8Array) => writeFileDurablySync(p, d)],
])('%s', (_name, write) => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-durable-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the whole file, owner-only, and leaves no temporary file', async () => {
    const path = join(dir, 'report.csv');
    await write(path, 'a,b\n1,2\n');
    expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n');
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'report.csv');
    writeFileSync(path, 'old');
    await write(path, new TextEncoder().encode('new content'));
    expect(readFileSync(path, 'utf8')).toBe('new content');
  });

  it('on failure removes the temporary file, keeps what was there and says STORAGE with a fault', async () => {
    const path = join(dir, 'target');
    mkdirSync(path); // a rename over a non-empty folder fails after the temporary file was written
    writeFileSync(join(path, 'keep'), 'x');
    const error = await Promise.resolve(write(path, 'data')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'STORAGE', details: { path } });
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readFileSync(join(path, 'keep'), 'utf8')).toBe('x');
  });

  it('a missing folder is a STORAGE error naming the path', async () => {
    const path = join(dir, 'missing', 'x.csv');
    await expect(Promise.resolve(write(path, 'x'))).rejects.toMatchObject({ code: 'STORAGE', details: { path } });
  });
});

describe.skipIf(!canMount)('a durable write on a full disk (a 1 MiB tmpfs; Linux, root)', () => {
  let mountPoint = '';
  beforeAll(() => {
    mountPoint = mkdtempSync(join(tmpdir(), 'fcom-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
  });
  afterAll(() => {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('says "disk full" with the free MB, keeps the old file and cleans the temporary file', async () => {
    const path = join(mountPoint, 'export.csv');
    writeFileSync(path, 'old export');
    const big = new Uint8Array(3 * 1024 * 1024).fill(65);
    for (const write of [() => writeFileDurably(path, big), async () => writeFileDurablySync(path, big)]) {
      const error = await write().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'STORAGE', details: { fault: 'full', path } });
      const { freeMb } = (error as AppError).details as { freeMb: number };
      expect(typeof freeMb).toBe('number');
      expect((error as AppError).message).toMatch(/disk is full \(free \d+ MB\)/);
      expect(readFileSync(path, 'utf8')).toBe('old export');
      expect(readdirSync(mountPoint)).toEqual(['export.csv']);
    }
  });
});

describe('removeStaleTemporaries', () => {
  it('removes the temporary files an interrupted write left, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fcom-stale-'));
    try {
      writeFileSync(join(dir, '.secrets.json.0123456789ab.tmp'), 'half');
      writeFileSync(join(dir, 'secrets.json'), 'whole');
      writeFileSync(join(dir, '.hidden.tmp'), 'not ours');
      expect(removeStaleTemporaries(dir, 60_000, Date.now() + 120_000)).toEqual(['.secrets.json.0123456789ab.tmp']);
      expect(readdirSync(dir).sort()).toEqual(['.hidden.tmp', 'secrets.json']);
      // A fresh one (a write in progress) is left alone.
      writeFileSync(join(dir, '.x.csv.abcdefabcdef.tmp'), 'writing');
      expect(removeStaleTemporaries(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
