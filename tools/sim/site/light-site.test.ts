import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { canUseNamespaces } from './ip.ts';
import { startSite, type Site, type SiteOptions } from './site.ts';
import { browseFromLaptop, httpFromLaptop } from './test-helpers.ts';

const OPTIONS: SiteOptions = {
  terminals: 6,
  kind: 'mixed',
  seed: 'light',
  peoplePerTerminal: 12,
  log: () => undefined,
};

/** What a terminal holds, person by person of the site population, read from its store (ground truth). */
async function holdings(site: Site): Promise<boolean[][]> {
  const population = generatePeople(site.population.seed, site.population.size);
  return Promise.all(
    site.terminals.map((t) =>
      t.control.holds(
        population.map((p) =>
          t.kind === 'sophon' ? { idKind: 'identity_id', id: p.identityId } : { idKind: 'link_id', id: p.linkId },
        ),
      ),
    ),
  );
}

/** What a terminal is, as the harness and its own store tell it. */
async function identities(site: Site) {
  return Promise.all(
    site.terminals.map(async (t) => ({
      index: t.index,
      kind: t.kind,
      serial: t.serial,
      model: t.model,
      firmware: t.firmware,
      people: t.people,
      stats: await t.control.stats(),
      knobs: await t.control.knobs(),
    })),
  );
}

describe('the light site (every terminal in one process), loopback mode', () => {
  let light: Site;
  let heavy: Site;

  beforeAll(async () => {
    const configure: SiteOptions['configure'] = (index) => (index === 3 ? { firmware: '3.8.2' } : {});
    [light, heavy] = await Promise.all([
      startSite({ ...OPTIONS, configure, mode: 'loopback', light: true }),
      startSite({ ...OPTIONS, configure, mode: 'loopback' }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([light?.stop(), heavy?.stop()]);
  });

  it('serves the same terminals as the one-process site for the same seed: kind, serial, firmware, people', async () => {
    expect(light.light).toBe(true);
    expect(heavy.light).toBe(false);
    expect(new Set(light.terminals.map((t) => t.port)).size).toBe(OPTIONS.terminals);
    expect(await identities(light)).toEqual(await identities(heavy));
    const [lightHeld, heavyHeld] = await Promise.all([holdings(light), holdings(heavy)]);
    expect(lightHeld).toEqual(heavyHeld);
    // Each holds exactly its share of the population, not everyone.
    expect(lightHeld.map((row) => row.filter(Boolean).length)).toEqual(light.terminals.map(() => 12));
  });

  it('answers HTTP the same way, terminal by terminal', async () => {
    for (const [i, t] of light.terminals.entries()) {
      const path = t.kind === 'basip' ? '/api/info' : '/';
      const [a, b] = await Promise.all(
        [t.origin, heavy.terminals[i]!.origin].map(async (origin) => {
          const response = await fetch(`${origin}${path}`, { signal: AbortSignal.timeout(3000) });
          return { status: response.status, body: await response.text() };
        }),
      );
      expect(a, `${t.kind} ${t.serial} ${path}`).toEqual(b);
    }
  });

  it('takes one terminal away and back without touching the others, and keeps knobs per terminal', async () => {
    await light.cut(1);
    await expect(fetch(`${light.terminals[1]!.origin}/`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    expect((await fetch(`${light.terminals[2]!.origin}/`, { signal: AbortSignal.timeout(2000) })).status).toBeLessThan(
      500,
    );
    await light.restore(1);
    expect((await fetch(`${light.terminals[1]!.origin}/`, { signal: AbortSignal.timeout(2000) })).status).toBeLessThan(
      500,
    );
    await light.terminals[4]!.control.setKnobs({ latencyMs: 77 });
    expect((await light.terminals[4]!.control.knobs()).latencyMs).toBe(77);
    expect((await light.terminals[2]!.control.knobs()).latencyMs).not.toBe(77);
  });
});

describe.skipIf(!canUseNamespaces())('the light site on a private LAN (Linux, root: namespaces and mDNS)', () => {
  const N = 24;
  let light: Site;
  let heavy: Site;

  beforeAll(async () => {
    [light, heavy] = await Promise.all([
      startSite({ ...OPTIONS, terminals: N, mode: 'namespaces', light: true }),
      startSite({ ...OPTIONS, terminals: N, mode: 'namespaces' }),
    ]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([light?.stop(), heavy?.stop()]);
  });

  it('gives every terminal its own address in one namespace, served by one process', () => {
    expect(new Set(light.terminals.map((t) => t.namespace)).size).toBe(1);
    expect(light.terminals.map((t) => t.address)).toEqual(heavy.terminals.map((t) => t.address));
    expect(light.terminals.map((t) => t.serial)).toEqual(heavy.terminals.map((t) => t.serial));
  });

  it('is found over mDNS from the laptop, every terminal as the one-process site advertises it, from its own address', async () => {
    const [seenLight, seenHeavy] = await Promise.all([
      browseFromLaptop(light, N, 10_000),
      browseFromLaptop(heavy, N, 10_000),
    ]);
    expect(seenLight.size).toBe(N);
    for (const t of light.terminals) {
      const event = seenLight.get(t.serial);
      expect(event, t.serial).toMatchObject({ addresses: [t.address], port: t.port, from: t.address });
      expect(event?.txt).toEqual({ vendor: t.kind, model: t.model, serial: t.serial, firmware: t.firmware });
      expect(event?.name).toBe(t.mdnsName);
      const { from: _from, ...rest } = event!;
      const { from: _heavyFrom, ...heavyRest } = seenHeavy.get(t.serial)!;
      expect(rest).toEqual(heavyRest);
    }
  }, 30_000);

  it('answers HTTP from the laptop, and a cut terminal stops answering until restored', async () => {
    const target = light.terminals[5]!;
    const ok = await httpFromLaptop(light, { url: `${target.origin}/api/info` });
    expect(ok).toMatchObject({ status: 200 });
    expect('body' in ok ? ok.body : '').toContain(target.serial);
    await light.cut(5);
    try {
      expect(await httpFromLaptop(light, { url: `${target.origin}/api/info`, timeoutMs: 1500 })).toHaveProperty(
        'error',
      );
      const other = light.terminals[7]!;
      expect(await httpFromLaptop(light, { url: `${other.origin}/api/info` })).toMatchObject({ status: 200 });
    } finally {
      await light.restore(5);
    }
    expect(await httpFromLaptop(light, { url: `${target.origin}/api/info` })).toMatchObject({ status: 200 });
  }, 30_000);
});
