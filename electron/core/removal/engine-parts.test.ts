import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep } from '../jobs/backoff.ts';
import { csvField, exportJob } from '../jobs/export.ts';
import { createRequestLimiter } from '../jobs/limiter.ts';
import { itemKey } from './presence.ts';

describe('backoff', () => {
  it('grows exponentially up to the cap, with full jitter below the bound', () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, { ...policy, random: () => 0.999999 }))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(4, { ...policy, random: () => 0 })).toBe(0);
    const draws = Array.from({ length: 200 }, () => backoffDelay(3, policy));
    expect(Math.max(...draws)).toBeLessThan(400);
    expect(new Set(draws).size).toBeGreaterThan(50);
  });

  it('sleeps until aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('request limiter', () => {
  it('holds one request per terminal and a global limit, serving other terminals meanwhile', async () => {
    const limiter = createRequestLimiter({ global: 2, perTerminal: 1 });
    const a1 = await limiter.acquire('A');
    let a2Granted = false;
    const a2 = limiter.acquire('A').then((release) => ((a2Granted = true), release));
    const b1 = await limiter.acquire('B'); // not blocked by the waiting A
    let c1Granted = false;
    const c1 = limiter.acquire('C').then((release) => ((c1Granted = true), release));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([a2Granted, c1Granted]).toEqual([false, false]);
    a1();
    (await a2)();
    expect(a2Granted).toBe(true);
    b1();
    (await c1)();
    const aborted = new AbortController();
    const hold = [await limiter.acquire('A'), await limiter.acquire('B')];
    const blocked = limiter.acquire('C', aborted.signal);
    aborted.abort(new Error('closing'));
    await expect(blocked).rejects.toThrow('closing');
    for (const release of hold) release();
  });
});

describe('presence keys and reports', () => {
  it('keys items the way terminals list them (link ids without case, uids as numbers)', () => {
    expect(itemKey({ idKind: 'link_id', nativeId: 'ABC', faceId: '' })).toBe('link_id:abc');
    expect(itemKey({ idKind: 'uid', nativeId: '007', faceId: '' })).toBe('uid:7');
    expect(itemKey({ idKind: 'face_id', nativeId: '1', faceId: 'f' })).toBe('face_id:1/f');
  });

  it('writes CSV that spreadsheets read safely', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")', true)).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    const summary = {
      id: '12345678-aaaa',
      kind: 'remove' as const,
      state: 'done' as const,
      mode: 'people' as const,
      verify: false,
      label: null,
      createdAt: Date.UTC(2025, 0, 2),
      updatedAt: 0,
      finishedAt: 0,
      total: 1,
      terminals: 1,
      counts: { removed: 1, 'already-absent': 0, failed: 0, queued: 0, cancelled: 0, pending: 0 },
      verified: 0,
      unverified: 0,
      error: null,
    };
    const item = {
      seq: 0,
      terminal: 'T',
      terminalKind: 'sophon' as const,
      line: 2,
      name: '王伟',
      personKey: '1',
      idKind: 'identity_id',
      nativeId: '1',
      faceId: null,
      outcome: 'removed' as const,
      rawCode: 'success',
      reason: null,
      attempts: 1,
      verified: null,
      updatedAt: 0,
    };
    const csv = exportJob(summary, [item], 'csv');
    expect(csv).toMatchObject({ fileName: 'fcom-job-12345678-2025-01-02.csv', items: 1 });
    expect(csv.content.startsWith('\uFEFFterminal,')).toBe(true);
    expect(csv.content).toContain(
      '\r\nT,sophon,2,王伟,1,identity_id,1,,removed,,success,,1,,1970-01-01T00:00:00.000Z\r\n',
    );
    const json = JSON.parse(exportJob(summary, [item], 'json').content) as { items: unknown[] };
    expect(json.items).toEqual([item]);
  });
});
