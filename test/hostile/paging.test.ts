import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terminal } from '../../shared/domain/terminal.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { startThroughDraft } from '../support/removal/through-draft.ts';
import { startAnswerServer, type Answer, type AnswerServer } from '../fuzz/answer-server.ts';
import { startCore, type TestCore } from '../fuzz/harness.ts';
import { recordTiming, timingTable } from './timings.ts';

/**
 * Terminals that ignore paging: every list request, whatever page it asks for, gets the same full page
 * (more people than asked, too). A page must never hold more than asked, and the removal engine must not
 * read such a terminal to its 50,000-page cap, nor conclude anything from what it read.
 */

const REQUEST_TIMEOUT_MS = 500;
let harness: TestCore;
let server: AnswerServer;
let listRequests = 0;

const json = (body: unknown): Answer => ({
  status: 200,
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify(body)),
  delivery: 'whole',
});

/** The same 60 people on every page, for Sophon and BAS-IP; deletes succeed. */
function ignoresPaging(_method: string, path: string): Answer {
  const ids = Array.from({ length: 60 }, (_, i) => 5000 + i);
  if (path.endsWith('/getidentities')) {
    listRequests++;
    return json({ identities: ids.map((id) => ({ identity_id: String(id) })), pagination: { total_count: 1e6 } });
  }
  if (path.endsWith('/deleteidentities')) return json({ success_identity_ids: ['1001'] });
  if (path.endsWith('/login')) return json({ token: 'token', account_type: 'admin' });
  if (path.endsWith('/identifier/items') && _method === 'GET') {
    listRequests++;
    return json({
      list_items: ids.map((uid) => ({ identifier_uid: uid })),
      list_option: { pagination: { total_items: 1e6 } },
    });
  }
  return json({});
}

function terminal(kind: 'sophon' | 'basip'): Terminal {
  return {
    serial: `PAGING-${kind}`,
    kind,
    apiVersion: kind === 'sophon' ? 'v2' : 'v1',
    name: kind,
    model: null,
    firmware: null,
    address: '127.0.0.1',
    port: server.endpoint.port,
    online: true,
    lastSeen: 0,
    credentials: 'ok',
    peopleCount: null,
    capacity: null,
    source: 'manual',
    adapter: null,
  };
}

beforeAll(async () => {
  harness = startCore({
    terminalTimeoutMs: REQUEST_TIMEOUT_MS,
    removal: { backoff: { baseMs: 10, maxMs: 20 }, waitingProbeMs: 600_000 },
  });
  server = await startAnswerServer();
  server.use(ignoresPaging);
  const tuning = { removal: { requestTimeoutMs: REQUEST_TIMEOUT_MS, maxAttempts: 2 } };
  expect((await dispatch(harness.core.handlers, 'settings:update', tuning)).ok).toBe(true);
  const credentials = { target: { kind: 'basip' }, credentials: { username: 'admin', password: '123456' } };
  expect((await dispatch(harness.core.handlers, 'devices:set-credentials', credentials)).ok).toBe(true);
});
afterAll(async () => {
  await harness.close();
  await server.close();
  console.log(`Terminals that ignore paging (verification read):\n${timingTable('paging')}`);
});

describe('terminals that ignore paging', () => {
  it.each(['sophon', 'basip'] as const)('%s: a page never holds more people than asked', async (kind) => {
    harness.core.services.inventory.save(terminal(kind));
    for (const pageSize of [1, 10, 50]) {
      const page = await dispatch(harness.core.handlers, 'devices:people', {
        serial: `PAGING-${kind}`,
        pageIndex: 3,
        pageSize,
      });
      expect(page.ok, JSON.stringify(page)).toBe(true);
      if (page.ok) expect((page.value as { items: unknown[] }).items.length).toBeLessThanOrEqual(pageSize);
    }
  });

  it.each(['sophon', 'basip'] as const)(
    '%s: reads stop at the first repeated page and confirm nothing',
    async (kind) => {
      harness.core.services.inventory.save(terminal(kind));
      listRequests = 0;
      const items = [{ line: 1, nativeId: '1001' }];
      const started = performance.now();
      const start = await startThroughDraft((channel, request) => dispatch(harness.core.handlers, channel, request), {
        items,
        devices: [`PAGING-${kind}`],
        verify: true,
      });
      expect(start.ok, JSON.stringify(start)).toBe(true);
      const { jobId } = start.ok ? (start.value as { jobId: string }) : { jobId: '' };
      const summary = await harness.core.services.jobs.whenIdle(jobId);
      const elapsed = performance.now() - started;
      recordTiming('paging', kind, `${listRequests} list requests`, elapsed);
      // Two pages tell that the terminal ignores paging (before the fix: 50,001 pages, then a conclusion).
      expect(listRequests).toBeLessThanOrEqual(2 * 2);
      expect(elapsed).toBeLessThan(5_000);
      if (kind === 'sophon') {
        // The terminal's per-item answer says removed; the read-back cannot confirm it: unverified.
        expect(summary.counts.removed).toBe(1);
        expect(summary.verified).toBe(0);
        expect(summary.unverified).toBe(1);
      } else {
        // A uid delete answers nothing per item, and neither the read before nor the one after can be
        // completed: the item is unconfirmed, never "removed" on a guess.
        expect(summary.counts).toMatchObject({ removed: 0, 'already-absent': 0, unconfirmed: 1 });
      }
    },
  );
});
