import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listLogFiles, readTail, rotatedPath, rotateLogFiles } from './log-files.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fcom-logs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('rotateLogFiles', () => {
  it('names rotated files before the extension', () => {
    expect(rotatedPath('/x/logs/main.log', 2)).toBe(join('/x/logs', 'main.2.log'));
  });

  it('shifts every file by one and deletes the oldest beyond keep', () => {
    const current = join(dir, 'main.log');
    for (let round = 1; round <= 5; round += 1) {
      writeFileSync(current, `round ${round}`);
      rotateLogFiles(current, 3);
    }
    expect(listLogFiles(dir).map((p) => p.slice(dir.length + 1))).toEqual(['main.3.log', 'main.2.log', 'main.1.log']);
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).toBe('round 5');
    expect(readFileSync(join(dir, 'main.3.log'), 'utf8')).toBe('round 3');
  });

  it('works when there is nothing to rotate yet, and keep 0 just deletes', () => {
    const current = join(dir, 'main.log');
    expect(() => rotateLogFiles(current, 3)).not.toThrow();
    writeFileSync(current, 'x');
    rotateLogFiles(current, 0);
    expect(listLogFiles(dir)).toEqual([]);
  });
});

describe('listLogFiles', () => {
  it('lists the rotated files oldest first, then the current one, ignoring other files', () => {
    for (const name of ['main.log', 'main.1.log', 'main.10.log', 'main.2.log', 'renderer.log', 'main.old.log']) {
      writeFileSync(join(dir, name), name);
    }
    expect(listLogFiles(dir).map((p) => p.slice(dir.length + 1))).toEqual([
      'main.10.log',
      'main.2.log',
      'main.1.log',
      'main.log',
    ]);
  });

  it('answers nothing for a missing directory', () => {
    expect(listLogFiles(join(dir, 'absent'))).toEqual([]);
  });
});

describe('readTail', () => {
  it('reads a small file whole and only the end of a large one', async () => {
    const path = join(dir, 'main.log');
    writeFileSync(path, 'one\ntwo\n');
    expect(await readTail(path, 100)).toEqual({ text: 'one\ntwo\n', truncated: false });
    writeFileSync(path, 'a'.repeat(50) + '\nlast\n');
    expect(await readTail(path, 10)).toEqual({ text: 'aaaa\nlast\n', truncated: true });
  });

  it('answers undefined for a file that cannot be read', async () => {
    expect(await readTail(join(dir, 'absent.log'), 10)).toBeUndefined();
  });
});
