import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './write-atomically.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-atomic-'));
  folders.push(dir);
  return dir;
}

describe('writeFileAtomically', () => {
  it('writes the whole file, replaces an existing one, and leaves no temporary file', async () => {
    const dir = folder();
    const path = join(dir, 'report.csv');
    writeFileSync(path, 'old');
    await writeFileAtomically(path, new TextEncoder().encode('a,b\n1,2\n'));
    expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('on a failure leaves the existing file as it was and removes its temporary file', async () => {
    const dir = folder();
    // A folder where the file should be: the rename cannot replace it.
    const path = join(dir, 'report.csv');
    mkdirSync(path);
    writeFileSync(join(path, 'inside.txt'), 'kept');
    await expect(writeFileAtomically(path, new TextEncoder().encode('new'))).rejects.toThrow();
    expect(readFileSync(join(path, 'inside.txt'), 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('refuses a folder that does not exist, writing nothing', async () => {
    const dir = folder();
    await expect(writeFileAtomically(join(dir, 'missing', 'report.csv'), new Uint8Array([1]))).rejects.toThrow(
      /ENOENT/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
