import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBasipDevice } from '../../../tools/sim/basip/index.ts';
import { serve, type SimHandler, type SimServer } from '../../../tools/sim/common/http.ts';
import { createCore, type Core } from '../compose.ts';
import { createMemorySecretStore } from '../secrets/memory-secret-store.ts';

/** Cancelling "add by address" (issue 18): probing stops and nothing is saved, even when the device answers late. */
describe('cancelling an add by address', () => {
  let dir: string;
  let core: Core;
  let server: SimServer | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-add-cancel-'));
    core = createCore({
      dataDir: dir,
      target: 'cli',
      mdnsPolicy: 'off',
      secrets: createMemorySecretStore(),
      terminalTimeoutMs: 2_000,
    });
  });
  afterEach(async () => {
    await server?.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a panel that answers after the technician cancelled is not added (CANCELLED, inventory empty)', async () => {
    const panel = createBasipDevice({ serial: 'SLOW-0001', model: 'AA-12FB', firmware: '3.9.1', people: [] });
    let answered = 0;
    const slow: SimHandler = (request, response) => {
      setTimeout(() => {
        answered++;
        void panel.handle(request, response);
      }, 300);
    };
    server = await serve(slow);
    const controller = new AbortController();
    const adding = core.services.discovery.addByAddress({
      address: `127.0.0.1:${server.port}`,
      kind: 'basip',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(adding).rejects.toMatchObject({ code: 'CANCELLED', details: { messageCode: 'add.cancelled' } });
    expect(answered).toBeGreaterThan(0); // the panel did answer: only the cancel kept it out
    expect(core.services.inventory.list()).toEqual([]);
  });

  it('the same panel without a cancel is added (the test above would fail on code that ignores the signal)', async () => {
    const panel = createBasipDevice({ serial: 'SLOW-0002', model: 'AA-12FB', firmware: '3.9.1', people: [] });
    const slow: SimHandler = (request, response) => {
      setTimeout(() => void panel.handle(request, response), 300);
    };
    server = await serve(slow);
    const terminal = await core.services.discovery.addByAddress({ address: `127.0.0.1:${server.port}`, kind: 'basip' });
    expect(terminal.serial).toBe('SLOW-0002');
  });
});
