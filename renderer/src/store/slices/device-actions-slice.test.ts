import { describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { terminal } from '../testing/terminals.ts';
import { BULK_SCOPE, labelScope, SITE_DEFAULTS_SCOPE } from './device-actions-slice.ts';

const refused = { ok: false as const, error: { code: 'UNAUTHORIZED' as const, message: 'no' } };

describe('device actions slice (bulk actions, labels, site defaults)', () => {
  it('saves credentials for every ticked terminal, then checks them all at once', async () => {
    const fake = fakeApi({
      'devices:set-credentials': { ok: true, value: { saved: true } },
      'devices:check': (request: { serials: string[] }) => ({
        ok: true,
        value: request.serials.map((serial) => terminal({ serial, credentials: 'ok' })),
      }),
    });
    const store = createAppStore(fake.api);
    ['A', 'B', 'C'].forEach((serial) => store.getState().receiveTerminal(terminal({ serial, credentials: 'missing' })));
    store.getState().setChecked(['A', 'C'], true);
    const credentials = { username: 'admin', password: '123456' };
    expect(await store.getState().setCheckedCredentials(credentials)).toEqual({ done: 2, failed: 0 });
    const saved = fake.calls.filter(([channel]) => channel === 'devices:set-credentials').map(([, r]) => r);
    expect(saved).toEqual([
      { target: { serial: 'A' }, credentials },
      { target: { serial: 'C' }, credentials },
    ]);
    expect(fake.calls).toContainEqual(['devices:check', { serials: ['A', 'C'] }]);
    expect(store.getState().terminals.A?.credentials).toBe('ok');
    expect(store.getState().terminals.B?.credentials).toBe('missing');
  });

  it('shows a bulk failure beside the bar (never the global banner) and clears it on the next success', async () => {
    let fail = true;
    const fake = fakeApi({
      'devices:set-credentials': (request: { target: { serial: string } }) =>
        fail && request.target.serial === 'B' ? refused : { ok: true, value: { saved: true } },
      'devices:check': { ok: true, value: [] },
    });
    const store = createAppStore(fake.api);
    ['A', 'B'].forEach((serial) => store.getState().receiveTerminal(terminal({ serial })));
    store.getState().setChecked(['A', 'B'], true);
    expect(await store.getState().setCheckedCredentials({ username: 'u', password: 'p' })).toEqual({
      done: 1,
      failed: 1,
    });
    expect(store.getState().scopedErrors[BULK_SCOPE]?.code).toBe('UNAUTHORIZED');
    expect(store.getState().error).toBeNull();
    fail = false;
    await store.getState().setCheckedCredentials({ username: 'u', password: 'p' });
    expect(store.getState().scopedErrors[BULK_SCOPE]).toBeUndefined();
  });

  it('sets a label and keeps a refusal beside that terminal’s label form', async () => {
    const fake = fakeApi({
      'devices:set-label': (request: { serial: string; label: string }) =>
        request.serial === 'A'
          ? { ok: true, value: terminal({ serial: 'A', label: request.label }) }
          : { ok: false, error: { code: 'NOT_FOUND', message: 'gone', details: { messageCode: 'device.not-found' } } },
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'A' }));
    expect(await store.getState().setTerminalLabel('A', 'Gate 3')).toBe(true);
    expect(store.getState().terminals.A?.label).toBe('Gate 3');
    expect(await store.getState().setTerminalLabel('Z', 'x')).toBe(false);
    expect(store.getState().scopedErrors[labelScope('Z')]?.code).toBe('NOT_FOUND');
    expect(store.getState().scopedErrors[labelScope('A')]).toBeUndefined();
  });

  it('forgets the ticked terminals, applies the site default, and exports only the ticked ones', async () => {
    const fake = fakeApi({
      'devices:forget': { ok: true, value: { forgotten: true } },
      'devices:use-site-default': { ok: true, value: { cleared: 1, kindsWithoutDefault: ['sophon'] } },
      'devices:check': { ok: true, value: [] },
      'devices:export': { ok: true, value: { fileName: 't.csv', content: 'x', encoding: 'utf8', rows: 1 } },
    });
    const saved: string[] = [];
    const store = createAppStore(fake.api);
    store.setState({
      saveFile: async (file) => {
        saved.push(file.fileName);
        return { outcome: 'downloaded', path: file.fileName };
      },
    });
    ['A', 'B', 'C'].forEach((serial) => store.getState().receiveTerminal(terminal({ serial })));
    store.getState().setChecked(['B'], true);
    expect(await store.getState().useSiteDefaultForChecked()).toEqual({ cleared: 1, kindsWithoutDefault: ['sophon'] });
    expect(fake.calls).toContainEqual(['devices:use-site-default', { serials: ['B'] }]);
    expect(await store.getState().exportTerminals()).toBe(1);
    expect(fake.calls).toContainEqual(['devices:export', { format: 'csv', serials: ['B'] }]);
    expect(saved).toEqual(['t.csv']);
    expect(await store.getState().forgetChecked()).toEqual({ done: 1, failed: 0 });
    expect(Object.keys(store.getState().terminals).sort()).toEqual(['A', 'C']);
    expect(store.getState().checkedSerials).toEqual({});
    await store.getState().exportTerminals();
    expect(fake.calls).toContainEqual(['devices:export', { format: 'csv' }]);
  });

  it('exports an Excel workbook and saves its bytes as base64, with the workbook type', async () => {
    const fake = fakeApi({
      'devices:export': { ok: true, value: { fileName: 't.xlsx', content: 'UEsDBA==', encoding: 'base64', rows: 2 } },
    });
    const saved: { fileName: string; type: string; encoding?: string }[] = [];
    const store = createAppStore(fake.api);
    store.setState({
      saveFile: async (file) => {
        saved.push({ fileName: file.fileName, type: file.type, ...(file.encoding ? { encoding: file.encoding } : {}) });
        return { outcome: 'downloaded', path: file.fileName };
      },
    });
    expect(await store.getState().exportTerminals('xlsx')).toBe(2);
    expect(fake.calls).toContainEqual(['devices:export', { format: 'xlsx' }]);
    expect(saved).toEqual([
      {
        fileName: 't.xlsx',
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        encoding: 'base64',
      },
    ]);
  });

  it('loads and saves site defaults; a refusal shows in the Settings form', async () => {
    let defaults = { sophon: { saved: false, username: null }, basip: { saved: false, username: null } };
    const fake = fakeApi({
      'devices:site-defaults': () => ({ ok: true, value: defaults }),
      'devices:set-credentials': (request: { target: { kind?: string } }) => {
        if (request.target.kind !== 'basip') return refused;
        defaults = { ...defaults, basip: { saved: true, username: 'admin' } as never };
        return { ok: true, value: { saved: true } };
      },
    });
    const store = createAppStore(fake.api);
    await store.getState().loadSiteDefaults();
    expect(store.getState().siteDefaults?.basip.saved).toBe(false);
    expect(await store.getState().saveSiteDefault('basip', { username: 'admin', password: '123456' })).toBe(true);
    expect(store.getState().siteDefaults?.basip).toEqual({ saved: true, username: 'admin' });
    expect(await store.getState().saveSiteDefault('sophon', { username: 'x', password: 'y' })).toBe(false);
    expect(store.getState().scopedErrors[SITE_DEFAULTS_SCOPE]?.code).toBe('UNAUTHORIZED');
  });
});

describe('errors stay where they happened', () => {
  it('the banner error belongs to its section and is left behind when the technician goes elsewhere', () => {
    const store = createAppStore(fakeApi().api);
    store.getState().showSection('remove');
    store.getState().showError({ code: 'VALIDATION', message: 'bad' });
    expect(store.getState().errorSection).toBe('remove');
    store.getState().showSection('devices');
    expect(store.getState().error).toBeNull();
  });

  it('a lost host connection follows every view', () => {
    const store = createAppStore(fakeApi().api);
    store.getState().showError({ code: 'NETWORK', message: 'lost', details: { transport: 'host' } });
    store.getState().showSection('jobs');
    expect(store.getState().error?.message).toBe('lost');
    expect(store.getState().errorSection).toBeNull();
  });
});
