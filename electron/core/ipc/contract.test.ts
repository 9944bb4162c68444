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
    core = createCore({ dataDir: dir, target: 'cli' });
  });
  afterAll(() => {
    core.close();
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

  it('serves every channel with a valid empty or minimal request', async () => {
    const minimal: Record<string, unknown> = { 'settings:update': { language: 'zh-CN' } };
    for (const name of CHANNEL_NAMES) {
      const result = await dispatch(core.handlers, name, minimal[name] ?? {});
      expect(result.ok, `${name}: ${JSON.stringify(result)}`).toBe(true);
      if (result.ok) expect(channels[name].response.safeParse(result.value).success).toBe(true);
    }
  });
});
