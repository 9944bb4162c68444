import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canUseNamespaces } from './ip.ts';
import { assertIsolatedForMdns, rootNamespaceLink, type IsolationProbe } from './isolation.ts';
import { createSiteNetwork, NETNS_ENV, type SiteNetwork } from './netns.ts';

const ISOLATION = resolve(import.meta.dirname, 'isolation.ts');
const CHECK = `import { assertIsolatedForMdns } from ${JSON.stringify(ISOLATION)};
try { console.log('allowed ' + assertIsolatedForMdns()); } catch (e) { console.log(e.message); }`;

/** A probe answering from fixed tables: own namespace inode 7 unless told otherwise. */
function fakeProbe(options: {
  own?: number;
  root?: number | 'unreadable';
  ancestors?: Array<[number, number | 'unreadable']>;
  named?: Record<string, number>;
  env?: NodeJS.ProcessEnv;
}): IsolationProbe {
  const own = options.own ?? 7;
  const ancestors = new Map(options.ancestors ?? []);
  const chain = [...ancestors.keys()];
  return {
    namespaceLink: (pid) => {
      const ino = pid === 'self' ? own : pid === 1 ? (options.root ?? 1) : ancestors.get(pid);
      if (ino === 'unreadable' || ino === undefined) throw new Error('EACCES');
      return `net:[${ino}]`;
    },
    parentOf: (pid) => (pid === 'self' ? chain[0] : chain[chain.indexOf(pid) + 1]),
    inode: (path) => (path === '/proc/self/ns/net' ? own : options.named?.[path.replace('/var/run/netns/', '')]),
    namedNamespaces: () => Object.keys(options.named ?? {}),
    env: options.env ?? {},
  };
}

describe('assertIsolatedForMdns', () => {
  it('refuses in the namespace this test runs in (the root one)', () => {
    expect(() => assertIsolatedForMdns()).toThrow(/Refusing to start mDNS/);
  });

  it('refuses in the root namespace, even when pid 1 cannot be read (then the oldest readable ancestor counts)', () => {
    expect(() => assertIsolatedForMdns(fakeProbe({ own: 1 }))).toThrow(/root network namespace/);
    const sandboxed = fakeProbe({
      own: 1,
      root: 'unreadable',
      ancestors: [
        [50, 9],
        [40, 1],
        [30, 'unreadable'],
      ],
    });
    expect(rootNamespaceLink(sandboxed)).toBe('net:[1]');
    expect(() => assertIsolatedForMdns(sandboxed)).toThrow(/root network namespace/);
  });

  it('refuses a private namespace the harness did not make', () => {
    expect(() => assertIsolatedForMdns(fakeProbe({ named: { other: 7 } }))).toThrow(/not one of the harness/);
    expect(() => assertIsolatedForMdns(fakeProbe({ env: { [NETNS_ENV]: 'other' }, named: { other: 7 } }))).toThrow(
      /is not a harness namespace/,
    );
    expect(() =>
      assertIsolatedForMdns(fakeProbe({ env: { [NETNS_ENV]: 'fcom-1-0-t0' }, named: { 'fcom-1-0-t0': 8 } })),
    ).toThrow(/does not name the namespace/);
  });

  it('allows a harness namespace, named by the environment or found by inode', () => {
    const named = { 'fcom-1-0-lan': 6, 'fcom-1-0-t0': 7 };
    expect(assertIsolatedForMdns(fakeProbe({ named }))).toBe('fcom-1-0-t0');
    expect(assertIsolatedForMdns(fakeProbe({ named, env: { [NETNS_ENV]: 'fcom-1-0-t0' } }))).toBe('fcom-1-0-t0');
  });
});

describe.skipIf(!canUseNamespaces())('assertIsolatedForMdns in real namespaces (needs Linux and root)', () => {
  let network: SiteNetwork | undefined;
  afterAll(() => network?.destroy());

  it('refuses in an unnamed private namespace and allows the harness laptop namespace', async () => {
    const outside = spawnSync('unshare', ['-n', process.execPath, '--input-type=module', '-e', CHECK], {
      encoding: 'utf8',
    });
    expect(outside.stdout).toMatch(/Refusing to start mDNS: this network namespace is not one of the harness/);

    network = await createSiteNetwork({ terminals: 0 });
    const inside = await network.exec(network.laptop.namespace, process.execPath, ['--input-type=module', '-e', CHECK]);
    expect(inside.stdout.trim()).toBe(`allowed ${network.laptop.namespace}`);
  });
});
