import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RemovalSettingsSchema } from '../../../shared/domain/removal.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { openDatabase, type Database } from '../db/database.ts';
import type { PeoplePage, TerminalPerson, TerminalSession } from '../drivers/driver.ts';
import { createCommitGroup } from '../jobs/commit-group.ts';
import { createRequestLimiter } from '../jobs/limiter.ts';
import { createJournal, type Journal } from './journal.ts';
import type { LaneContext } from './lane-context.ts';
import type { PlannedItem } from './plan-ids.ts';
import { VERIFY_CHUNK, verifyTerminal } from './recheck.ts';

const PEOPLE = 2 * VERIFY_CHUNK + 500;

function planned(): PlannedItem[] {
  return Array.from({ length: PEOPLE }, (_, seq) => ({
    seq,
    terminal: 'T',
    terminalKind: 'sophon' as const,
    line: seq + 2,
    name: `P${seq}`,
    personKey: `id-${seq}`,
    idKind: 'identity_id',
    nativeId: `id-${seq}`,
    faceId: '',
    failure: null,
  }));
}

/** A Sophon session that lists exactly `listed` (one page) and can do nothing else. */
function listingSession(listed: readonly string[]): TerminalSession {
  const refuse = (): never => {
    throw new Error('not used by a verification');
  };
  return {
    verifyCredentials: refuse,
    countPeople: refuse,
    removePeople: refuse,
    answersPerItem: () => true,
    listPeople: async (pageIndex: number): Promise<PeoplePage> => {
      const items: TerminalPerson[] =
        pageIndex === 0 ? listed.map((id) => ({ id, name: id, extra: {} }) as TerminalPerson) : [];
      return { items, total: listed.length };
    },
  };
}

describe('verification by a complete read', () => {
  let dir: string;
  let db: Database;
  let journal: Journal;
  let ctx: LaneContext;
  const stillListed = ['id-7', 'id-2100'];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-recheck-'));
    db = openDatabase(join(dir, 'fcom.sqlite'));
    const commits = createCommitGroup(db);
    journal = createJournal(commits.db);
    journal.createJob('J', { mode: 'people', verify: true, devices: 'all' }, 'list.csv', planned());
    const batch = journal.claimBatch('J', 'T', PEOPLE)!;
    journal.acknowledge(
      batch.id,
      batch.items.map((item) => ({ itemId: item.id, outcome: 'removed', rawCode: 'success', reason: null })),
    );
    const running = new AbortController();
    ctx = {
      jobId: 'J',
      terminal: { serial: 'T', kind: 'sophon', online: true } as Terminal,
      mode: 'people',
      verify: true,
      session: listingSession(stillListed),
      journal,
      commits,
      limiter: createRequestLimiter({ global: 4, perTerminal: 1 }),
      settings: RemovalSettingsSchema.parse({}),
      backoff: { baseMs: 1, maxMs: 1 },
      control: { stopReason: () => null, stopSignal: running.signal, closeSignal: running.signal },
      plan: { whole: () => true, coming: () => false, next: async () => true },
      onProgress: () => undefined,
      onOffline: () => undefined,
      now: Date.now,
    };
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const countWhere = (condition: string): number =>
    (db.sqlite.prepare(`SELECT COUNT(*) AS n FROM job_items WHERE ${condition}`).get() as { n: number }).n;

  it('confirms every item the read does not list, fails the ones it lists, and lets other work run meanwhile', async () => {
    // Another lane's work, one turn of the event loop at a time: what it sees of the verification.
    const seen = new Set<number>();
    let verifying = true;
    const watch = (): void => {
      seen.add(countWhere('verified = 1'));
      if (verifying) setImmediate(watch);
    };
    setImmediate(watch);

    expect(await verifyTerminal(ctx)).toBe('ok');
    verifying = false;

    expect(countWhere('verified = 1')).toBe(PEOPLE - stillListed.length);
    const present = db.sqlite
      .prepare(`SELECT native_id, outcome, raw_code, verified FROM job_items WHERE verified = 0 ORDER BY seq`)
      .all();
    expect(present).toEqual(
      stillListed.map((id) => ({ native_id: id, outcome: 'failed', raw_code: 'verify:present', verified: 0 })),
    );
    expect(journal.hasUnverified('J', 'T')).toBe(false);
    // Written in steps, not in one statement that holds the app's thread: the other work saw counts in between.
    expect([...seen].some((n) => n > 0 && n < PEOPLE - stillListed.length)).toBe(true);
  });

  it('stops between steps on shutdown; what is left unverified is read again by the next verification', async () => {
    const closing = new AbortController();
    const first = verifyTerminal({ ...ctx, control: { ...ctx.control, closeSignal: closing.signal } });
    // The first step is written at the next group commit; the app closes meanwhile.
    setImmediate(() => closing.abort());
    expect(await first).toBe('aborted');
    const confirmed = countWhere('verified = 1');
    expect(confirmed).toBeGreaterThan(0);
    expect(confirmed).toBeLessThan(PEOPLE - stillListed.length);
    expect(journal.hasUnverified('J', 'T')).toBe(true);

    expect(await verifyTerminal(ctx)).toBe('ok');
    expect(countWhere('verified = 1')).toBe(PEOPLE - stillListed.length);
    expect(countWhere(`raw_code = 'verify:present'`)).toBe(stillListed.length);
  });
});
