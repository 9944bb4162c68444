import { createMemorySecretStore as memorySecrets } from '../secrets/memory-secret-store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../../shared/ipc/contract.ts';
import { CHANNEL_NAMES } from '../../../shared/ipc/names.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import { createCore, type Core } from '../compose.ts';
import { dispatch } from './dispatch.ts';

/** Payloads that no channel accepts: every request is one object, so none of these can pass. */
const MALFORMED: unknown[] = [undefined, null, 42, 'text', [], { unexpected: true, language: 7 }];

describe('the IPC contract', () => {
  let dir: string;
  let core: Core;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-contract-'));
    core = createCore({ dataDir: dir, target: 'cli', mdnsPolicy: 'off', secrets: memorySecrets() });
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a handler function for every channel and nothing else', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) expect(typeof core.handlers[name]).toBe('function');
  });

  it.each(CHANNEL_NAMES)('answers malformed payloads on %s with a typed VALIDATION error', async (name) => {
    for (const payload of MALFORMED) {
      const result = await dispatch(core.handlers, name, payload);
      expect(result.ok, `${name} accepted ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('VALIDATION');
        expect(result.error.message).toContain(name);
      }
    }
  });

  it('answers an unknown channel, including prototype keys, with UNKNOWN_CHANNEL', async () => {
    for (const name of ['nope:nothing', '__proto__', 'constructor', 42]) {
      const result = await dispatch(core.handlers, name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('returns a handler failure as a typed error instead of throwing', async () => {
    const broken = { ...core.handlers, 'status:get': () => Promise.reject(new Error('disk gone')) } as Handlers;
    const result = await dispatch(broken, 'status:get', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'disk gone' } });
  });

  it('refuses an answer that breaks the response schema', async () => {
    const lying = { ...core.handlers, 'settings:get': async () => ({ language: 'fr' }) } as unknown as Handlers;
    const result = await dispatch(lying, 'settings:get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('answers a sweep with wait once it ended, with the terminals it found; at once without', async () => {
    const waited = await dispatch(core.handlers, 'discovery:sweep', { cidr: '127.0.0.1/32', wait: true });
    expect(waited).toMatchObject({ ok: true, value: { jobId: expect.any(String), terminals: [] } });
    const started = await dispatch(core.handlers, 'discovery:sweep', { cidr: '127.0.0.1/32' });
    expect(started.ok && 'terminals' in (started.value as object)).toBe(false);
  });

  it('exports the terminal list as CSV text (utf8) or an Excel workbook (base64); no other format', async () => {
    const csv = await dispatch(core.handlers, 'devices:export', { format: 'csv' });
    expect(csv).toMatchObject({ ok: true, value: { encoding: 'utf8', rows: 0 } });
    const xlsx = await dispatch(core.handlers, 'devices:export', { format: 'xlsx' });
    expect(xlsx).toMatchObject({ ok: true, value: { encoding: 'base64', fileName: expect.stringMatching(/\.xlsx$/) } });
    const content = xlsx.ok ? (xlsx.value as { content: string }).content : '';
    expect(Buffer.from(content, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = await dispatch(core.handlers, 'devices:export', { format: 'pdf' });
    expect(pdf).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // An answer of an older host (CSV, no encoding) still reads as text.
    const older = channels['devices:export'].response.parse({ fileName: 't.csv', content: 'a', rows: 1 });
    expect(older.encoding).toBe('utf8');
    const save = channels['files:save-as'].request.parse({ suggestedName: 'r.csv', content: 'a,b' });
    expect(save.encoding).toBe('utf8');
  });

  it('serves every channel with a valid minimal request: a valid answer, or a typed refusal that is not a crash', async () => {
    const minimal: Record<string, unknown> = {
      'devices:trust': { serials: ['NOPE'] },
      'settings:update': { language: 'zh-CN' },
      'devices:add': { address: '127.0.0.1:1' },
      'devices:forget': { serial: 'SN-404' },
      'devices:people': { serial: 'SN-404', pageIndex: 0, pageSize: 10 },
      'devices:set-credentials': { target: { kind: 'basip' }, credentials: { username: 'admin', password: 'x' } },
      'devices:cancel-add': { requestId: 'none' },
      'devices:set-label': { serial: 'SN-404', label: 'Gate 3' },
      'people:find': { query: '张伟' },
      'devices:export': { format: 'csv' },
      'devices:check': { serials: ['SN-404'] },
      'devices:use-site-default': { serials: ['SN-404'] },
      'discovery:sweep': { cidr: '127.0.0.1/32' },
      'jobs:cancel': { jobId: 'none' },
      'removal:parse-input': { source: { kind: 'paste', text: '1001\n1002' } },
      'removal:draft-pick': { from: { kind: 'terminal', serial: 'SN-404', people: [{ id: '1001', name: '' }] } },
      'removal:draft-edit': { draftId: 'none', edit: { kind: 'clear-input' } },
      'removal:draft-page': { draftId: 'none', part: 'items' },
      'removal:plan': { draftId: 'none', devices: 'all' },
      'removal:start': { planId: 'none' },
      'removal:cloud-start': { draftId: 'none', scopeType: 'IOT_ID', scopeIds: ['iot-1'] },
      'jobs:show': { jobId: 'none' },
      'jobs:pause': { jobId: 'none' },
      'jobs:resume': { jobId: 'none' },
      'jobs:retry-failed': { jobId: 'none' },
      'jobs:export': { jobId: 'none', format: 'csv' },
      'jobs:wait': { jobId: 'none' },
      'sync:retry': { selection: { ids: ['removal:404'] } },
      'sync:discard': { selection: { ids: ['removal:404'] }, confirm: true },
      'report:build': { format: 'html' },
      'files:save-as': { suggestedName: 'report.csv', content: 'a,b' },
      'cloud:set-config': { cloud: 'aliyun', settings: { batchSize: 20 } },
      'cloud:test': { cloud: 'tuya' },
      'permissions:push': { channelIds: ['c-1'], mode: 'increment', certificate: 'card+face' },
      'permissions:task-detail': { taskId: 'task-404' },
      'permissions:retry-failed': { jobId: 'none' },
      'cloud-removal:start': { userIds: ['u-1'], scopeType: 'IOT_ID', scopeIds: ['iot-1'] },
    };
    const refusals: Record<string, string> = {
      'devices:add': 'NETWORK',
      'devices:people': 'NOT_FOUND',
      'devices:set-label': 'NOT_FOUND',
      'discovery:start': 'FORBIDDEN_MDNS',
      // An empty inventory and unknown jobs: typed refusals that say what to do.
      // Unknown removal lists and reviewed plans ("import it again", "review the plan again"); a terminal of no
      // known kind cannot have its people picked.
      'removal:draft-pick': 'VALIDATION',
      'removal:draft-edit': 'NOT_FOUND',
      'removal:draft-page': 'NOT_FOUND',
      'removal:plan': 'NOT_FOUND',
      'removal:start': 'NOT_FOUND',
      'removal:cloud-start': 'NOT_FOUND',
      'jobs:show': 'NOT_FOUND',
      'jobs:pause': 'NOT_FOUND',
      'jobs:resume': 'NOT_FOUND',
      // No such terminal to trust.
      'devices:trust': 'NOT_FOUND',
      // No trusted terminal whose people could be read into the index.
      'people:refresh': 'NOT_FOUND',
      'jobs:retry-failed': 'NOT_FOUND',
      'jobs:export': 'NOT_FOUND',
      'jobs:wait': 'NOT_FOUND',
      // Nothing in the sync queue to retry or discard: a conflict that says to refresh.
      'sync:retry': 'CONFLICT',
      'sync:discard': 'CONFLICT',
      // No Save dialog outside the desktop app (electron/main replaces this handler).
      'files:save-as': 'CONFLICT',
      // No printing to PDF outside the desktop app (electron/main replaces this handler): print the HTML page.
      'report:pdf': 'CONFLICT',
      // No cloud account is set up: a typed refusal naming what is missing; unknown tasks and pushes.
      'cloud:test': 'VALIDATION',
      'permissions:channels': 'VALIDATION',
      'permissions:push': 'VALIDATION',
      'permissions:browse': 'VALIDATION',
      'permissions:person': 'VALIDATION',
      'permissions:repush-person': 'VALIDATION',
      'permissions:task-detail': 'NOT_FOUND',
      'permissions:retry-failed': 'NOT_FOUND',
    };
    for (const name of CHANNEL_NAMES) {
      const result = await dispatch(core.handlers, name, minimal[name] ?? {});
      if (refusals[name]) {
        expect(result, name).toMatchObject({ ok: false, error: { code: refusals[name] } });
        continue;
      }
      expect(result.ok, `${name}: ${JSON.stringify(result)}`).toBe(true);
      if (result.ok) expect(channels[name].response.safeParse(result.value).success).toBe(true);
    }
  });
});
