import { describe, expect, it } from 'vitest';
import { contractApi } from '../../api/contract-api.ts';
import { createI18n } from '../../i18n/index.ts';
import { saveNotice } from '../../views/jobs/download.ts';
import { createAppStore } from '../app-store.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { createFilesSlice } from './files-slice.ts';

const REPORT = { fileName: 'fcom-report-site.csv', content: '\uFEFFa,b\r\n', type: 'text/csv;charset=utf-8' };

describe('saving files (reports, job exports)', () => {
  it('in the desktop app, asks the main process to save through its Save dialog', async () => {
    const fake = fakeApi({
      'files:save-as': { ok: true, value: { outcome: 'saved', path: '/home/anna/Documents/r.csv', bytes: 8 } },
    });
    const store = createAppStore({ ...fake.api, platform: 'electron' });
    const filters = [{ name: 'CSV', extensions: ['csv'] }];
    const outcome = await store.getState().saveFile({ ...REPORT, filters });
    expect(outcome).toEqual({ outcome: 'saved', path: '/home/anna/Documents/r.csv', bytes: 8 });
    expect(fake.calls).toEqual([
      ['files:save-as', { suggestedName: REPORT.fileName, content: REPORT.content, filters }],
    ]);
  });

  it('in the desktop app, shows a refused call in the error banner and answers null', async () => {
    const error = { code: 'VALIDATION' as const, message: 'files:save-as: content too long' };
    const fake = fakeApi({ 'files:save-as': { ok: false, error } });
    const store = createAppStore({ ...fake.api, platform: 'electron' });
    expect(await store.getState().saveFile(REPORT)).toBeNull();
    expect(store.getState().error).toEqual(error);
  });

  it('in the browser, downloads through a blob link and never calls the channel', async () => {
    const fake = fakeApi();
    const downloads: [string, string, string, string][] = [];
    const slice = createFilesSlice(contractApi(fake.api), (...args) => downloads.push(args));
    const state = slice(
      () => undefined,
      () => ({}) as never,
      {} as never,
    );
    expect(await state.saveFile(REPORT)).toEqual({ outcome: 'downloaded', path: REPORT.fileName });
    expect(downloads).toEqual([[REPORT.fileName, REPORT.content, REPORT.type, 'utf8']]);
    const xlsx = { fileName: 't.xlsx', content: 'UEsDBA==', type: 'application/zip', encoding: 'base64' as const };
    await state.saveFile(xlsx);
    expect(downloads[1]).toEqual(['t.xlsx', 'UEsDBA==', 'application/zip', 'base64']);
    expect(fake.calls).toEqual([]);
  });

  it('in the desktop app, sends base64 content with its encoding (bytes, not text)', async () => {
    const fake = fakeApi({
      'files:save-as': { ok: true, value: { outcome: 'saved', path: '/d/t.xlsx', bytes: 4 } },
    });
    const store = createAppStore({ ...fake.api, platform: 'electron' });
    await store.getState().saveFile({ fileName: 't.xlsx', content: 'UEsDBA==', type: 'x', encoding: 'base64' });
    expect(fake.calls).toEqual([
      ['files:save-as', { suggestedName: 't.xlsx', content: 'UEsDBA==', encoding: 'base64' }],
    ]);
  });

  it('says what happened and what to do, in English and Chinese', async () => {
    const en = await createI18n('en');
    const zh = await createI18n('zh-CN');
    const saved = (where: string) => `saved ${where}`;
    const refused = {
      outcome: 'failed' as const,
      problem: 'write-failed' as const,
      detail: 'EACCES: permission denied',
    };
    expect(saveNotice(en.t, refused, saved)).toBe(
      'Could not save the file: EACCES: permission denied. Choose another folder and try again.',
    );
    expect(saveNotice(zh.t, refused, saved)).toBe('无法保存文件：EACCES: permission denied。请选择其他文件夹后重试。');
    const big = {
      outcome: 'failed' as const,
      problem: 'too-large' as const,
      detail: '70000000 bytes, at most 67108864',
    };
    expect(saveNotice(en.t, big, saved)).toMatch(/^The file is too large to save \(70000000 bytes.*try again\.$/);
    expect(saveNotice(en.t, { outcome: 'saved', path: '/x/r.csv', bytes: 1 }, saved)).toBe('saved /x/r.csv');
    expect(saveNotice(en.t, { outcome: 'downloaded', path: 'r.csv' }, saved)).toBe('saved r.csv');
    expect(saveNotice(en.t, { outcome: 'cancelled' }, saved)).toBe('');
    expect(saveNotice(en.t, null, saved)).toBe('');
  });
});
