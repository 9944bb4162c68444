import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import type { ItemResult, RemovalIdKind, TerminalDriver, TerminalSession } from '../drivers/driver.ts';
import type { RemoveFace } from '../drivers/capabilities.ts';
import { addTerminals, startTerminal, testCore, type SimTerminal } from '../../../test/support/removal/test-kit.ts';
import type { Batch, WorkItem } from './journal-types.ts';
import { NO_FACE_REMOVAL, sendBatch } from './send.ts';
import { realDrivers } from './sessions.ts';

/** A session that removes people (answering each id as removed) and has no face capability. */
function peopleOnlySession(sent: string[][]): TerminalSession {
  return {
    verifyCredentials: () => Promise.resolve(),
    countPeople: () => Promise.resolve({ count: 0, capacity: null }),
    listPeople: () => Promise.resolve({ items: [], total: 0 }),
    removePeople: (ids: readonly string[], _kind: RemovalIdKind): Promise<ItemResult[]> => {
      sent.push([...ids]);
      return Promise.resolve(
        ids.map((id) => ({ id, outcome: 'removed', evidence: 'answer', rawCode: 'ok', reason: null })),
      );
    },
    answersPerItem: () => true,
  };
}

function faceBatch(): Batch {
  const item: WorkItem = {
    id: 7,
    seq: 1,
    terminal: 'T-1',
    terminalKind: 'basip',
    idKind: 'face_id',
    nativeId: 'person-1',
    faceId: 'face-1',
    attempts: 0,
  };
  return { id: 3, terminal: 'T-1', createdAt: 0, items: [item] };
}

describe('sendBatch asks the session for its capabilities', () => {
  it('fails a face item for good, before sending anything, when the session cannot remove faces', async () => {
    const sent: string[][] = [];
    const result = await sendBatch(peopleOnlySession(sent), faceBatch(), new AbortController().signal);
    expect(result).toEqual({ kind: 'invalid', failure: NO_FACE_REMOVAL, answered: false });
    expect(NO_FACE_REMOVAL.reason).toMatch(/cannot remove a single face: remove the whole person instead/);
    // Not sent as a person removal either.
    expect(sent).toEqual([]);
  });

  it('sends a face item through the session capability when it has one', async () => {
    const calls: unknown[][] = [];
    const removeFace: RemoveFace = (identityId, selector) => {
      calls.push([identityId, selector]);
      return Promise.resolve({
        result: { id: 'face-1', outcome: 'removed', evidence: 'answer', rawCode: 'ok', reason: null },
        facesLeft: { faceIds: [], registerImageIds: [], total: 0 },
      });
    };
    const session = { ...peopleOnlySession([]), removeFace };
    const result = await sendBatch(session, faceBatch(), new AbortController().signal);
    expect(calls).toEqual([['person-1', { faceId: 'face-1' }]]);
    expect(result).toMatchObject({ kind: 'acknowledged', records: [{ itemId: 7, outcome: 'removed' }] });
  });
});

describe('a face job on a terminal whose sessions lack the face capability', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('records each face as a permanent failure with a clear reason, and the terminal keeps its faces', async () => {
    const people = generatePeople('no-face-capability', 3);
    const sophon: SimTerminal = await startTerminal('sophon', 'SPH-NOFACE', people);
    cleanups.push(() => sophon.cutOff());
    // The real driver, with the capability taken away from its sessions: the engine must not cast its way back.
    const drivers = (kind: 'sophon' | 'basip', timeoutMs: number): TerminalDriver => {
      const driver = realDrivers(kind, timeoutMs);
      return {
        ...driver,
        session: (endpoint, credentials) => {
          const { removeFace: _dropped, ...session } = driver.session(endpoint, credentials);
          return session;
        },
      };
    };
    const made = testCore({}, { removal: { backoff: { baseMs: 10, maxMs: 50 }, drivers } });
    cleanups.push(made.cleanup);
    const app = made.core;
    await addTerminals(app, [sophon]);
    const page = await app.services.discovery.listPeople(sophon.serial, 0, 10);
    const faces = page.items.map((p, i) => ({
      line: i + 2,
      identity_id: p.id,
      face_id: (p.extra.face_ids ?? '').split(',')[0] as string,
    }));
    const before = sophon.device.stats();
    const { jobId } = app.services.removal.start({ mode: 'faces-only', items: faces, devices: 'all', verify: false });
    const summary = await app.services.jobs.whenIdle(jobId);
    expect(summary).toMatchObject({ state: 'done', counts: { removed: 0, failed: 3 } });
    const failed = app.services.jobs.show({ jobId, outcome: 'failed', offset: 0, limit: 5 }).items;
    expect(failed).toHaveLength(3);
    for (const item of failed) {
      expect(item).toMatchObject({ terminal: sophon.serial, rawCode: NO_FACE_REMOVAL.rawCode });
      expect(item.reason).toBe(NO_FACE_REMOVAL.reason);
    }
    // Permanent: nothing to retry, and nothing was ever sent to the terminal.
    expect((await app.services.jobs.retryFailed(jobId)).retried).toBe(0);
    expect(sophon.device.log.matching('deleteface')).toEqual([]);
    expect(sophon.device.stats()).toEqual(before);
  });
});
