import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS, MAX_NAME_CHARS } from '../../../shared/domain/limits.ts';
import { fuzzOptions } from '../../../test/fuzz/runs.ts';
import { importPeopleFile } from '../people-import/import-file.ts';
import { parsePastedIds } from '../people-import/paste.ts';
import { readRegularFileBounded } from './read-bounded.ts';

const PROBE = join(import.meta.dirname, 'bounded-import-probe.ts');

/** Runs one import in its own process: what it answered and its peak memory. */
function probe(path: string): { code: string; reason?: string; message?: string; maxRssMb: number; errors?: string[] } {
  return JSON.parse(execFileSync(process.execPath, [PROBE, path], { encoding: 'utf8', timeout: 60_000 }));
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fcom-bounded-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bounded input: a people file', () => {
  it.skipIf(process.platform === 'win32')('/dev/zero is refused as not a regular file, memory under 300 MB', () => {
    const answer = probe('/dev/zero');
    expect(answer).toMatchObject({ code: 'VALIDATION', reason: 'not-regular' });
    expect(answer.message).toMatch(/not a regular file/);
    expect(answer.maxRssMb).toBeLessThan(300);
  });

  it.skipIf(process.platform === 'win32')('a FIFO and a folder are refused without blocking', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => readRegularFileBounded(fifo, 1000)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ reason: 'not-regular', kind: 'fifo' }) }),
    );
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expect(() => readRegularFileBounded(folder, 1000)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ kind: 'directory' }) }),
    );
  });

  it('a 100 MB CSV gets an error naming the cap, memory under 300 MB', () => {
    const path = join(dir, 'big.csv');
    const fd = openSync(path, 'w');
    const chunk = Buffer.from('identity_id,name\n' + '123456,Zhang San\n'.repeat(60_000));
    for (let written = 0; written < 100 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    const answer = probe(path);
    expect(answer).toMatchObject({ code: 'VALIDATION', reason: 'too-large' });
    expect(answer.message).toContain(`the largest accepted is ${Math.round(MAX_IMPORT_FILE_BYTES / 1024 / 1024)} MB`);
    expect(answer.maxRssMb).toBeLessThan(300);
  });

  it('a 10 MB name is a row error naming the limit, the other rows import, memory under 300 MB', () => {
    const path = join(dir, 'long-name.csv');
    writeFileSync(path, `identity_id,name\n100001,${'x'.repeat(10 * 1024 * 1024)}\n100002,Li Si\n`);
    const answer = probe(path);
    expect(answer).toMatchObject({ code: 'OK', items: 1, errors: ['name_too_long'] });
    expect(answer.maxRssMb).toBeLessThan(300);
    const list = importPeopleFile(
      Buffer.from(`identity_id,name\n100001,${'y'.repeat(MAX_NAME_CHARS + 1)}\n100002,${'z'.repeat(MAX_NAME_CHARS)}\n`),
    ).list;
    expect(list.errors[0]?.message).toContain(`longer than ${MAX_NAME_CHARS} characters`);
    expect(list.items.map((i) => i.name?.length)).toEqual([MAX_NAME_CHARS]);
  });

  it('a list over the row cap says how many rows were read', () => {
    const text = `identity_id\n${Array.from({ length: MAX_IMPORT_ROWS + 5 }, (_, i) => 100000 + i).join('\n')}\n`;
    expect(() => importPeopleFile(Buffer.from(text))).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        details: expect.objectContaining({ reason: 'too-many-rows', rowsRead: MAX_IMPORT_ROWS }),
      }),
    );
  });

  it('pasted ids over the row cap say how many were read (the --ids of the CLI and the paste box)', () => {
    const ids = Array.from({ length: MAX_IMPORT_ROWS + 3 }, (_, i) => 100000 + i).join(',');
    expect(() => parsePastedIds(ids)).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ reason: 'too-many-rows', rowsRead: MAX_IMPORT_ROWS + 3 }),
      }),
    );
    expect(parsePastedIds('100001,100002').items).toHaveLength(2);
  });

  it('property: any file up to the cap is read whole; one byte over is refused, never truncated', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.integer({ min: 0, max: 2048 }), (bytes, cap) => {
        const path = join(dir, 'prop.bin');
        writeFileSync(path, bytes);
        if (bytes.length <= cap)
          expect(Buffer.compare(Buffer.from(readRegularFileBounded(path, cap)), Buffer.from(bytes))).toBe(0);
        else
          expect(() => readRegularFileBounded(path, cap)).toThrow(
            expect.objectContaining({
              details: expect.objectContaining({ reason: 'too-large', sizeBytes: bytes.length }),
            }),
          );
      }),
      fuzzOptions(),
    );
  });

  it('property: a name cell of any length is kept (≤ the cap) or refused by line, never truncated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_NAME_CHARS * 6 }), (length) => {
        const name = 'n'.repeat(length);
        const list = importPeopleFile(Buffer.from(`identity_id,name\n100001,${name}\n100002,ok\n`)).list;
        if (length <= MAX_NAME_CHARS) expect(list.items[0]?.name ?? '').toBe(name);
        else expect(list.errors.map((e) => [e.line, e.code])).toEqual([[2, 'name_too_long']]);
      }),
      fuzzOptions(),
    );
  });
});
