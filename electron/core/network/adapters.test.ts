import { describe, expect, it } from 'vitest';
import { listIpv4Adapters, selectSiteAdapters } from './adapters.ts';

const table = {
  wlan0: [
    {
      address: '192.0.2.10',
      netmask: '255.255.255.0',
      family: 'IPv4',
      mac: '00:00:00:00:00:01',
      internal: false,
      cidr: '192.0.2.10/24',
    },
    {
      address: 'fe80::1',
      netmask: 'ffff::',
      family: 'IPv6',
      mac: '00:00:00:00:00:01',
      internal: false,
      cidr: 'fe80::1/64',
      scopeid: 2,
    },
  ],
  lo: [
    {
      address: '127.0.0.1',
      netmask: '255.0.0.0',
      family: 'IPv4',
      mac: '00:00:00:00:00:00',
      internal: true,
      cidr: '127.0.0.1/8',
    },
  ],
  eth0: [
    {
      address: '198.51.100.7',
      netmask: '255.255.255.0',
      family: 'IPv4',
      mac: '00:00:00:00:00:02',
      internal: false,
      cidr: '198.51.100.7/24',
    },
  ],
} as const;

describe('network adapters', () => {
  const all = listIpv4Adapters(() => structuredClone(table) as never);

  it('lists IPv4 addresses only, sorted by adapter name', () => {
    expect(all.map((a) => `${a.name}=${a.address}`)).toEqual(['eth0=198.51.100.7', 'lo=127.0.0.1', 'wlan0=192.0.2.10']);
  });

  it('defaults to every non-internal adapter and honours an explicit choice', () => {
    expect(selectSiteAdapters(all, []).map((a) => a.name)).toEqual(['eth0', 'wlan0']);
    expect(selectSiteAdapters(all, ['wlan0']).map((a) => a.name)).toEqual(['wlan0']);
    expect(selectSiteAdapters(all, ['missing'])).toEqual([]);
  });
});
