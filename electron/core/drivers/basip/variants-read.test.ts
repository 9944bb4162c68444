import { afterEach, describe, expect, it } from 'vitest';
import type { FirmwareVariant } from '../../../../tools/sim/common/knobs.ts';
import { DriverError, type TerminalSession } from '../driver.ts';
import { V0_UNSUPPORTED_MESSAGE } from './index.ts';
import { startPanel, type PanelFixture } from '../../../../test/support/drivers/basip-harness.ts';

/** Probing and reading against the simulated panel's firmware variants (tools/sim/basip/README.md). */

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function panel(
  variants: FirmwareVariant[],
  options: Parameters<typeof startPanel>[0] = {},
  pageCap = 0,
): Promise<PanelFixture> {
  const fixture = await startPanel({ seed: 'driver-read', ...options, knobs: { variants, pageCap } });
  closers.push(fixture.close);
  return fixture;
}

/** Every id the panel holds, in list order, as the driver names them. */
const expectedIds = (p: PanelFixture): string[] =>
  p.device.identifiers().map((i) => i.link_id ?? String(i.identifier_uid));

/** Reads caller pages of `pageSize` until a short one; checks no page is longer than asked. */
async function readAll(session: TerminalSession, pageSize: number): Promise<{ ids: string[]; totals: unknown[] }> {
  const ids: string[] = [];
  const totals: unknown[] = [];
  for (let pageIndex = 0; pageIndex < 500; pageIndex++) {
    const page = await session.listPeople(pageIndex, pageSize);
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    ids.push(...page.items.map((person) => person.id));
    totals.push(page.total);
    if (page.items.length < pageSize) break;
  }
  return { ids, totals };
}

describe('BAS-IP reads, per firmware variant', () => {
  it('html-200: a v0 panel whose unknown paths answer a web page is still found and named as v0', async () => {
    const p = await panel(['html-200'], { firmware: '3.7.0' });
    expect((await p.driver.probe(p.endpoint))?.apiVersion).toBe('v0');
    const error = await p
      .session()
      .countPeople()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).message).toBe(V0_UNSUPPORTED_MESSAGE);
    expect(p.device.log.matching('/api/v0/login').map((e) => e.status)).toEqual([200]);
  });

  it('html-200: a DELETE answered with a web page falls back to the Android-panel route', async () => {
    const p = await panel(['html-200'], {
      androidLegacyRoutes: true,
      wrap: (inner) => (request, response) => {
        if (request.method === 'DELETE' && request.url === '/api/v1/access/identifier/items/link') {
          response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><html></html>');
          return;
        }
        return inner(request, response);
      },
    });
    const [a] = expectedIds(p);
    const results = await p.session().removePeople([a as string], 'link_id');
    expect(results.map((r) => [r.outcome, r.evidence])).toEqual([['removed', 'answer']]);
    expect(p.device.identifiers().some((i) => i.link_id === a)).toBe(false);
  });

  it('numeric-values: identified and listed whatever numbers stand in the display fields', async () => {
    const p = await panel(['numeric-values'], { serial: '202405170001', model: '2019', firmware: '4.1' });
    expect(await p.driver.probe(p.endpoint)).toMatchObject({
      kind: 'basip',
      apiVersion: 'v1',
      serial: '202405170001',
      model: '2019',
      firmware: '4.1',
    });
    const page = await p.session().listPeople(0, 50);
    const raw = p.device.identifiers().slice(0, 50);
    expect(page.items.map((person) => person.id)).toEqual(expectedIds(p).slice(0, 50));
    page.items.forEach((person, index) => {
      expect(person.name).toBe(raw[index]?.identifier_owner.name);
      expect(person.extra.uid).toBe(String(raw[index]?.identifier_uid));
      if (raw[index]?.identifier_type === 'card') expect(person.extra.number).toBe(raw[index]?.identifier_number);
    });
  });

  it('no-totals: the total is null, not invented, and the whole list is still read exactly once', async () => {
    const p = await panel(['no-totals']);
    const session = p.session();
    const { ids, totals } = await readAll(session, 50);
    expect(ids).toEqual(expectedIds(p));
    expect(new Set(totals)).toEqual(new Set([null]));
    // More than one page and no total: no count rather than a guess.
    expect(await session.countPeople()).toEqual({ count: null, capacity: null });
  });

  it('no-totals: a panel holding fewer than one count page is counted from its rows', async () => {
    const p = await panel(['no-totals'], { people: [] });
    expect(await p.session().countPeople()).toEqual({ count: 0, capacity: null });
  });

  for (const [variants, cap] of [
    [[], 7],
    [[], 20],
    [['no-totals'], 7],
  ] as Array<[FirmwareVariant[], number]>) {
    it(`pageCap ${cap} (variants: [${variants.join()}]): every identifier exactly once, whatever the page size`, async () => {
      const p = await panel(variants, {}, cap);
      const expected = expectedIds(p);
      for (const pageSize of [50, 10, 25, 64]) {
        const { ids, totals } = await readAll(p.session(), pageSize);
        expect(ids, `page size ${pageSize}`).toEqual(expected);
        expect(new Set(totals)).toEqual(new Set([variants.includes('no-totals') ? null : expected.length]));
      }
    });
  }

  it('pageCap: a fresh session reading a later page first still gets exactly that page', async () => {
    const p = await panel([], {}, 7);
    const page = await p.session().listPeople(2, 50);
    expect(page.items.map((person) => person.id)).toEqual(expectedIds(p).slice(100, 150));
    expect(page.total).toBe(p.device.identifiers().length);
  });
});
