import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SaveFileRequestSchema } from '../../shared/domain/files.ts';
import {
  safeFileName,
  saveFileAs,
  type SaveDialogAnswer,
  type SaveDialogRequest,
  type SaveFileDeps,
} from './save-file.ts';

const DOCUMENTS = join(tmpdir(), 'Documents');

/** Fakes of the dialog and the disk that record what they were asked. */
function fakes(answer: SaveDialogAnswer, overrides: Partial<SaveFileDeps> = {}) {
  const asked: SaveDialogRequest[] = [];
  const written: { path: string; data: Uint8Array }[] = [];
  const deps: SaveFileDeps = {
    showSaveDialog: async (request) => {
      asked.push(request);
      return answer;
    },
    writeFile: async (path, data) => {
      written.push({ path, data });
    },
    defaultFolder: DOCUMENTS,
    title: 'Save file',
    ...overrides,
  };
  return { deps, asked, written };
}

const request = (suggestedName: string, content: string, filters?: { name: string; extensions: string[] }[]) =>
  SaveFileRequestSchema.parse({ suggestedName, content, ...(filters ? { filters } : {}) });

describe('saveFileAs (files:save-as in the desktop app)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('asks where to save, in Documents under a safe name, and writes the UTF-8 text exactly there', async () => {
    const chosen = join(tmpdir(), 'site-a', 'report.csv');
    const { deps, asked, written } = fakes({ canceled: false, filePath: chosen });
    const content = '\uFEFFid,name\r\n1001,李雷\r\n';
    const result = await saveFileAs(request('fcom-report-site-2024-05-01.csv', content), deps);

    const bytes = Buffer.from(content, 'utf8');
    expect(result).toEqual({ outcome: 'saved', path: chosen, bytes: bytes.byteLength });
    expect(asked).toEqual([
      {
        title: 'Save file',
        defaultPath: join(DOCUMENTS, 'fcom-report-site-2024-05-01.csv'),
        filters: [
          { name: 'CSV', extensions: ['csv'] },
          { name: 'All files', extensions: ['*'] },
        ],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      },
    ]);
    expect(written).toHaveLength(1);
    expect(written[0]?.path).toBe(chosen);
    expect(Buffer.from(written[0]?.data ?? []).equals(bytes)).toBe(true); // byte-order mark kept
  });

  it('writes the decoded bytes of base64 content (an Excel workbook), not its text', async () => {
    const chosen = join(tmpdir(), 'site-a', 'terminals.xlsx');
    const { deps, written } = fakes({ canceled: false, filePath: chosen });
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x80]);
    const input = SaveFileRequestSchema.parse({
      suggestedName: 'terminals.xlsx',
      content: bytes.toString('base64'),
      encoding: 'base64',
    });
    expect(await saveFileAs(input, deps)).toEqual({ outcome: 'saved', path: chosen, bytes: bytes.byteLength });
    expect(Buffer.from(written[0]?.data ?? []).equals(bytes)).toBe(true);
    expect(request('a.csv', 'x').encoding).toBe('utf8'); // text stays the default
  });

  it('uses the filters asked for, and never a folder named by the page', async () => {
    const { deps, asked } = fakes({ canceled: true });
    await saveFileAs(request('../../../etc/passwd', 'x', [{ name: 'HTML report', extensions: ['html'] }]), deps);
    expect(asked[0]?.defaultPath).toBe(join(DOCUMENTS, 'passwd'));
    expect(asked[0]?.filters).toEqual([
      { name: 'HTML report', extensions: ['html'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });

  it('writes nothing when the user cancels the dialog', async () => {
    const { deps, written } = fakes({ canceled: true, filePath: '' });
    expect(await saveFileAs(request('a.csv', 'x'), deps)).toEqual({ outcome: 'cancelled' });
    expect(written).toEqual([]);
  });

  it('refuses a file over the size cap in bytes before asking anything', async () => {
    const { deps, asked, written } = fakes({ canceled: false, filePath: '/tmp/x.csv' }, { maxBytes: 8 });
    // Three characters, nine bytes of UTF-8: the cap counts bytes, not characters.
    const result = await saveFileAs(request('a.csv', '李雷雷'), deps);
    expect(result).toEqual({ outcome: 'failed', problem: 'too-large', detail: '9 bytes, at most 8' });
    expect(asked).toEqual([]);
    expect(written).toEqual([]);
    expect(await saveFileAs(request('a.csv', '12345678'), deps)).toMatchObject({ outcome: 'saved', bytes: 8 });
  });

  it('answers the system’s reason when the folder refuses the file, on a real disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fcom-save-'));
    dirs.push(dir);
    const ok = join(dir, 'report.html');
    const real = { writeFile: (path: string, data: Uint8Array) => writeFile(path, data) };
    const saved = await saveFileAs(
      request('report.html', '<p>ok</p>'),
      fakes({ canceled: false, filePath: ok }, real).deps,
    );
    expect(saved).toEqual({ outcome: 'saved', path: ok, bytes: 9 });
    expect(readFileSync(ok, 'utf8')).toBe('<p>ok</p>');

    const missing = join(dir, 'gone', 'report.html');
    const failed = await saveFileAs(
      request('report.html', 'x'),
      fakes({ canceled: false, filePath: missing }, real).deps,
    );
    expect(failed).toMatchObject({ outcome: 'failed', problem: 'write-failed' });
    expect(failed.outcome === 'failed' && failed.detail).toMatch(/ENOENT/);
  });

  it('refuses a dialog answer that is not a full path', async () => {
    const { deps, written } = fakes({ canceled: false, filePath: 'relative/x.csv' });
    expect(await saveFileAs(request('x.csv', 'x'), deps)).toMatchObject({ outcome: 'failed', problem: 'write-failed' });
    expect(written).toEqual([]);
  });

  it('takes no path, folder or unknown key from the page', () => {
    expect(SaveFileRequestSchema.safeParse({ suggestedName: 'a.csv', content: 'x', path: '/etc/x' }).success).toBe(
      false,
    );
    expect(SaveFileRequestSchema.safeParse({ suggestedName: '', content: 'x' }).success).toBe(false);
    expect(
      SaveFileRequestSchema.safeParse({
        suggestedName: 'a',
        content: 'x',
        filters: [{ name: 'x', extensions: ['.exe/'] }],
      }).success,
    ).toBe(false);
  });
});

describe('safeFileName', () => {
  it.each([
    ['fcom-report-site-2024-05-01.html', 'fcom-report-site-2024-05-01.html'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\System32\\evil.csv', 'evil.csv'],
    ['a<b>:c"d|e?f*.csv', 'a_b__c_d_e_f_.csv'],
    ['line\nbreak\u0000.csv', 'line_break_.csv'],
    ['  .hidden.csv. ', 'hidden.csv'],
    ['CON.csv', '_CON.csv'],
    ['nul', '_nul'],
    ['...', 'export.txt'],
    ['dir/', 'export.txt'],
  ])('%j → %j', (asked, safe) => {
    expect(safeFileName(asked)).toBe(safe);
  });

  it('keeps a long name’s extension within 120 characters', () => {
    const name = safeFileName(`${'x'.repeat(300)}.csv`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.csv')).toBe(true);
  });
});
