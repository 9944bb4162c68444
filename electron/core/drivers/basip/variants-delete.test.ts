import { afterEach, describe, expect, it } from 'vitest';
import type { FirmwareVariant } from '../../../../tools/sim/common/knobs.ts';
import type { ItemResult } from '../driver.ts';
import { REFUSED_ALONE_REASON } from './removal.ts';
import { startPanel, type PanelFixture } from '../../../../test/support/drivers/basip-harness.ts';

/**
 * Deletes against the simulated panel's firmware variants (tools/sim/basip/README.md): every outcome must rest
 * on the panel's own per-id word, checked against what the simulator really holds afterwards.
 */

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function panel(
  variants: FirmwareVariant[],
  options: Parameters<typeof startPanel>[0] = {},
): Promise<PanelFixture> {
  const fixture = await startPanel({ seed: 'driver-variants', ...options, knobs: { variants, ...options.knobs } });
  closers.push(fixture.close);
  return fixture;
}

const NEVER_LINKS = ['0b3c2f6e-9a51-4c1e-8d2b-1f0e7a6c5d41', 'f1e2d3c4-b5a6-4978-8a6b-5c4d3e2f1a00'];

/** Link ids the panel holds. */
function linkIds(p: PanelFixture): string[] {
  return p.device.identifiers().flatMap((i) => (i.link_id === null ? [] : [i.link_id]));
}

/** Whether the simulator still holds an identifier with this uid or link id. */
function held(p: PanelFixture, id: string): boolean {
  return p.device.identifiers().some((i) => i.link_id === id.toLowerCase() || String(i.identifier_uid) === id);
}

/** Three kinds of uid: present, deleted beforehand (absent), never held. */
async function uidCases(p: PanelFixture): Promise<{ present: string[]; absent: string; never: string }> {
  const uids = p.device.identifiers().map((i) => String(i.identifier_uid));
  const absent = uids[1] as string;
  const session = p.session();
  await session.removePeople([absent], 'uid');
  expect(held(p, absent)).toBe(false);
  return { present: [uids[4] as string, uids[9] as string], absent, never: '99999' };
}

const outcomes = (results: ItemResult[]): Array<[string, string, string | null | undefined]> =>
  results.map((r) => [r.id, r.outcome, r.evidence]);

describe('BAS-IP removal by uid, per firmware variant', () => {
  for (const variants of [[], ['uid-delete-empty']] as FirmwareVariant[][]) {
    it(`an empty 200 (variants: [${variants.join()}]) reports no uid removed, not even one never held`, async () => {
      const p = await panel(variants);
      const { present, absent, never } = await uidCases(p);
      const ids = [present[0] as string, absent, never, present[1] as string];
      const results = await p.session().removePeople(ids, 'uid');
      expect(outcomes(results)).toEqual(ids.map((id) => [id, 'unconfirmed', null]));
      expect(results.every((r) => r.rawCode === 'no-item-answer' && r.reason !== null)).toBe(true);
      // The truth the engine's read-back will find: present ones gone.
      expect(present.some((id) => held(p, id))).toBe(false);
    });
  }

  it('uid-delete-result: removed and already-absent on the panel’s own per-uid word', async () => {
    const p = await panel(['uid-delete-result']);
    const { present, absent, never } = await uidCases(p);
    const ids = [present[0] as string, absent, never, present[1] as string];
    const results = await p.session().removePeople(ids, 'uid');
    expect(outcomes(results)).toEqual([
      [ids[0], 'removed', 'answer'],
      [absent, 'already-absent', 'not-found'],
      [never, 'already-absent', 'not-found'],
      [ids[3], 'removed', 'answer'],
    ]);
    expect(present.some((id) => held(p, id))).toBe(false);
  });
});

describe('BAS-IP removal by link id, per firmware variant', () => {
  it('link-id-null: results naming no id are not matched by position; nothing is reported removed', async () => {
    const p = await panel(['link-id-null']);
    const [a, b] = linkIds(p);
    const ids = [a as string, NEVER_LINKS[0] as string, b as string];
    const results = await p.session().removePeople(ids, 'link_id');
    expect(outcomes(results)).toEqual(ids.map((id) => [id, 'unconfirmed', null]));
    expect(results.every((r) => r.rawCode === 'unattributed-answer')).toBe(true);
    expect(held(p, a as string) || held(p, b as string)).toBe(false);
  });

  for (const errorStyle of ['legacy', 'coded'] as const) {
    it(`list-400 (${errorStyle}): split until answered; present ids removed and gone, requests logarithmic`, async () => {
      const p = await panel(['list-400'], { errorStyle });
      const present = linkIds(p).slice(0, 62);
      const ids = [
        ...present.slice(0, 5),
        NEVER_LINKS[0],
        ...present.slice(5, 39),
        NEVER_LINKS[1],
        ...present.slice(39),
      ];
      expect(ids).toHaveLength(64);
      const results = await p.session().removePeople(ids as string[], 'link_id');
      expect(results.map((r) => r.id)).toEqual(ids);
      for (const result of results) {
        if (NEVER_LINKS.includes(result.id)) {
          expect(result).toMatchObject({
            outcome: 'failed',
            evidence: 'item-error',
            rawCode: errorStyle === 'coded' ? 'not_valid' : 'Wrong JSON body',
            reason: REFUSED_ALONE_REASON,
            permanent: true,
          });
        } else {
          expect(result).toMatchObject({ outcome: 'removed', evidence: 'answer', rawCode: 'deleted' });
        }
      }
      expect(present.filter((id) => held(p, id))).toEqual([]);
      const requests = p.device.log.matching('/items/link').length;
      // Two bad ids in 64: at most 1 + 2 · 2 · log2(64) requests (split-batch.ts), far below one per id.
      expect(requests).toBeLessThanOrEqual(1 + 2 * 2 * 6);
      expect(requests).toBeGreaterThan(1);
    });
  }

  it('list-400 with present and absent ids alternating: every id answered on its own evidence', async () => {
    const p = await panel(['list-400']);
    const session = p.session();
    const present = linkIds(p).slice(0, 8);
    const gone = present.slice(4);
    await session.removePeople(gone, 'link_id');
    const ids = [present[0], gone[0], present[1], gone[1], present[2], gone[2], present[3], gone[3]] as string[];
    const results = await session.removePeople(ids, 'link_id');
    expect(results.map((r) => [r.outcome, r.evidence])).toEqual(
      ids.map((_, i) => (i % 2 === 0 ? ['removed', 'answer'] : ['failed', 'item-error'])),
    );
    expect(present.filter((id) => held(p, id))).toEqual([]);
    expect(p.device.log.matching('/items/link').length).toBeLessThanOrEqual(1 + 2 * ids.length - 1);
  });

  it('list-400 by uid: with per-uid results present ones are removed; with the empty 200 they stay unconfirmed', async () => {
    for (const variants of [['list-400', 'uid-delete-result'], ['list-400']] as FirmwareVariant[][]) {
      const p = await panel(variants);
      const uids = p.device.identifiers().map((i) => String(i.identifier_uid));
      const ids = [uids[0], '99998', uids[1], uids[2], '99999', uids[3]] as string[];
      const results = await p.session().removePeople(ids, 'uid');
      const presentOutcome = variants.includes('uid-delete-result') ? ['removed', 'answer'] : ['unconfirmed', null];
      expect(results.map((r) => [r.outcome, r.evidence])).toEqual(
        ids.map((id) => (id.startsWith('9999') ? ['failed', 'item-error'] : presentOutcome)),
      );
      expect(ids.filter((id) => held(p, id))).toEqual([]);
    }
  });

  it('a batch over the panel’s limit ("Wrong JSON body") is split too, and every id is answered', async () => {
    const p = await panel([], { knobs: { maxIdsPerRequest: 10 } });
    const ids = linkIds(p).slice(0, 24);
    const results = await p.session().removePeople(ids, 'link_id');
    expect(results.map((r) => [r.id, r.outcome, r.evidence])).toEqual(ids.map((id) => [id, 'removed', 'answer']));
    expect(ids.filter((id) => held(p, id))).toEqual([]);
  });
});
