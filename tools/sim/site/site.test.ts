import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { canUseNamespaces, isAlive, listNamespacesSync } from './ip.ts';
import { startSite, type Site } from './site.ts';
import { browseFromLaptop, descendants, httpFromLaptop } from './test-helpers.ts';

const TERMINALS = 20;

describe.skipIf(!canUseNamespaces())('the simulated site LAN (needs Linux and root for network namespaces)', () => {
  let site: Site | undefined;
  let startMs = 0;

  beforeAll(async () => {
    const started = Date.now();
    site = await startSite({
      terminals: TERMINALS,
      kind: 'mixed',
      seed: 'acceptance',
      peoplePerTerminal: 30,
      log: () => {},
    });
    startMs = Date.now() - started;
    console.log(`site of ${TERMINALS} terminals started in ${startMs} ms`);
  }, 40_000);

  afterAll(() => site?.stop());

  it('puts 20 terminals of both kinds on their own addresses, sharing one population', () => {
    const terminals = site!.terminals;
    expect(site!.mode).toBe('namespaces');
    expect(terminals).toHaveLength(TERMINALS);
    expect(terminals.filter((t) => t.kind === 'sophon')).toHaveLength(10);
    expect(terminals.filter((t) => t.kind === 'basip')).toHaveLength(10);
    expect(new Set(terminals.map((t) => t.address)).size).toBe(TERMINALS);
    expect(new Set(terminals.map((t) => t.serial)).size).toBe(TERMINALS);
    expect(terminals[0]).toMatchObject({ address: '10.77.0.10', port: 5555 });
    expect(terminals[1]).toMatchObject({ address: '10.77.0.11', port: 80 });
    // One person sits on several terminals.
    const holders = terminals.filter((t) => t.people.includes(0)).length;
    expect(holders).toBeGreaterThan(1);
    expect(site!.population.size).toBe(60);
    expect(startMs).toBeLessThan(30_000);
  });

  it('is found over mDNS from the laptop: all 20, each with its IPv4 address, port and TXT serial', async () => {
    const started = Date.now();
    const found = await browseFromLaptop(site!, TERMINALS, 10_000);
    console.log(`mDNS browse found ${found.size} terminals in ${Date.now() - started} ms`);
    expect(found.size).toBe(TERMINALS);
    for (const terminal of site!.terminals) {
      const service = found.get(terminal.serial);
      expect(service, terminal.serial).toBeDefined();
      expect(service).toMatchObject({
        name: terminal.mdnsName,
        addresses: [terminal.address],
        port: terminal.port,
        txt: { vendor: terminal.kind, model: terminal.model, serial: terminal.serial, firmware: terminal.firmware },
      });
    }
  });

  it('answers HTTP from the laptop: a Sophon login and a BAS-IP info', async () => {
    const sophon = site!.terminals.find((t) => t.kind === 'sophon')!;
    const basip = site!.terminals.find((t) => t.kind === 'basip')!;
    const login = await httpFromLaptop(site!, {
      method: 'POST',
      url: `${sophon.origin}/sophon/v2/face/login`,
      body: { username: 'admin', password: 'admin' },
    });
    expect(login).toMatchObject({ status: 200 });
    expect(JSON.parse((login as { body: string }).body)).toEqual({ result: true });
    const info = await httpFromLaptop(site!, { url: `${basip.origin}/api/info` });
    expect(info).toMatchObject({ status: 200 });
    expect(JSON.parse((info as { body: string }).body)).toMatchObject({ device_serial_number: basip.serial });

    const log = await sophon.control.log({ pathIncludes: 'login' });
    expect(log.entries.map((e) => e.status)).toEqual([200]);
    expect((await basip.control.stats()).people).toBe(30);
  });

  it('takes a cut terminal off the network and brings it back on restore', async () => {
    const terminal = site!.terminals[3]!;
    const url = `${terminal.origin}/api/info`;
    await site!.cut(3);
    const cut = await httpFromLaptop(site!, { url, timeoutMs: 1500 });
    console.log(`request to a cut terminal failed after ${cut.ms} ms`);
    expect(cut).toHaveProperty('error');
    expect(cut.ms).toBeLessThan(3000);
    await site!.restore(3);
    expect(await httpFromLaptop(site!, { url })).toMatchObject({ status: 200 });
    // Its neighbours never noticed.
    expect(await httpFromLaptop(site!, { url: `${site!.terminals[5]!.origin}/api/info` })).toMatchObject({
      status: 200,
    });
  });

  it('leaves no namespace and no process behind after stop()', async () => {
    const started = Date.now();
    await site!.stop();
    console.log(`site stopped in ${Date.now() - started} ms`);
    expect(listNamespacesSync().filter((name) => name.startsWith(`fcom-${process.pid}-`))).toEqual([]);
    const harnessChildren = descendants(process.pid).filter((pid) => {
      try {
        return isAlive(pid) && /(terminal|browse)-main\.ts/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      } catch {
        return false;
      }
    });
    expect(harnessChildren).toEqual([]);
  });
});
