import { describe, expect, it } from 'vitest';
import { terminal } from '../testing/terminals.ts';
import { defaultAdapterChoice, pickableAdapters } from './adapters.ts';
import {
  capabilityBadge,
  matchesFilter,
  nextSort,
  sortTerminals,
  visibleSerials,
  DEFAULT_TERMINAL_QUERY,
} from './terminal-table.ts';

const lobby = terminal({ serial: 'B-2', name: 'Lobby', address: '192.168.1.20', port: 80, model: 'AA-12FB' });
const gate = terminal({
  serial: 'A-9',
  kind: 'sophon',
  name: 'Gate 10',
  address: '192.168.1.3',
  port: 5555,
  model: 'SE5-FACE',
  online: false,
  peopleCount: 500,
  credentials: 'not-required',
  lastSeen: 1_600_000_000_000,
});
const unnamed = terminal({
  serial: 'addr:10.0.0.5:80',
  kind: 'unknown',
  name: '',
  address: '10.0.0.5',
  model: null,
  firmware: null,
  peopleCount: null,
  lastSeen: null,
  credentials: 'unknown',
});
const gate2 = terminal({ serial: 'C-1', name: 'Gate 2', address: '192.168.1.100' });
const all = [lobby, gate, unnamed, gate2];
const serials = (list: { serial: string }[]) => list.map((t) => t.serial);

describe('matchesFilter', () => {
  it('matches name, serial, address:port and model, ignoring case', () => {
    expect(matchesFilter(lobby, 'lob')).toBe(true);
    expect(matchesFilter(lobby, 'b-2')).toBe(true);
    expect(matchesFilter(lobby, '1.20:80')).toBe(true);
    expect(matchesFilter(lobby, 'aa-12')).toBe(true);
    expect(matchesFilter(lobby, 'sophon')).toBe(false);
    expect(matchesFilter(gate, 'SE5')).toBe(true);
  });

  it('needs every word and lets everything through when empty', () => {
    expect(matchesFilter(gate, 'gate 5555')).toBe(true);
    expect(matchesFilter(gate, 'gate 80')).toBe(false);
    expect(matchesFilter(unnamed, '   ')).toBe(true);
  });

  it('treats hostile text as text', () => {
    const hostile = terminal({ name: '<img src=x onerror=alert(1)>' });
    expect(matchesFilter(hostile, '<img')).toBe(true);
    expect(matchesFilter(hostile, '.*')).toBe(false);
  });
});

describe('sortTerminals', () => {
  it('sorts names naturally and keeps empty names last both ways', () => {
    expect(serials(sortTerminals(all, { column: 'name', direction: 'ascending' }))).toEqual([
      'C-1',
      'A-9',
      'B-2',
      'addr:10.0.0.5:80',
    ]);
    expect(serials(sortTerminals(all, { column: 'name', direction: 'descending' }))).toEqual([
      'B-2',
      'A-9',
      'C-1',
      'addr:10.0.0.5:80',
    ]);
  });

  it('sorts addresses by their numbers, then ports', () => {
    expect(serials(sortTerminals(all, { column: 'address', direction: 'ascending' }))).toEqual([
      'addr:10.0.0.5:80',
      'A-9',
      'B-2',
      'C-1',
    ]);
  });

  it('sorts numbers, status and dates, with unknown values last', () => {
    expect(serials(sortTerminals(all, { column: 'people', direction: 'descending' }))).toEqual([
      'A-9',
      'B-2',
      'C-1',
      'addr:10.0.0.5:80',
    ]);
    expect(serials(sortTerminals(all, { column: 'status', direction: 'ascending' })).at(-1)).toBe('A-9');
    expect(serials(sortTerminals(all, { column: 'lastSeen', direction: 'ascending' }))[0]).toBe('A-9');
    expect(serials(sortTerminals(all, { column: 'lastSeen', direction: 'descending' })).at(-1)).toBe(
      'addr:10.0.0.5:80',
    );
  });

  it('sorts conflicts first by trust, and terminals that can remove first by capability', () => {
    const conflict = {
      reason: 'serial-elsewhere',
      address: '10.0.0.66',
      port: 80,
      serial: 'X',
      kind: 'basip',
      at: 1,
    } as const;
    const trusted = terminal({ serial: 'T', kind: 'basip', apiVersion: 'v1', trust: 'trusted' });
    const old = terminal({ serial: 'O', kind: 'basip', apiVersion: 'v0', trust: 'untrusted', pin: null });
    const odd = terminal({ serial: 'U', kind: 'unknown', apiVersion: null, trust: 'conflict', conflict });
    const ascending = (column: 'trust' | 'capability') =>
      sortTerminals([trusted, old, odd], { column, direction: 'ascending' }).map((t) => t.serial);
    expect(ascending('trust')).toEqual(['U', 'O', 'T']);
    expect(ascending('capability')).toEqual(['T', 'O', 'U']);
    expect(capabilityBadge(old)).toEqual({ state: 'too-old', api: 'v0' });
    expect(capabilityBadge(trusted)).toEqual({ state: 'remove', api: 'v1' });
    expect(capabilityBadge(odd)).toEqual({ state: 'none', api: null });
  });

  it('does not change its input', () => {
    const copy = [...all];
    sortTerminals(all, { column: 'serial', direction: 'descending' });
    expect(all).toEqual(copy);
  });
});

describe('visibleSerials and nextSort', () => {
  it('filters, then sorts', () => {
    const bySerial = Object.fromEntries(all.map((t) => [t.serial, t]));
    expect(visibleSerials(bySerial, { filter: 'gate', sort: { column: 'serial', direction: 'ascending' } })).toEqual([
      'A-9',
      'C-1',
    ]);
    expect(visibleSerials({}, DEFAULT_TERMINAL_QUERY)).toEqual([]);
  });

  it('flips the direction of the same column and starts another ascending', () => {
    expect(nextSort({ column: 'kind', direction: 'ascending' }, 'kind')).toEqual({
      column: 'kind',
      direction: 'descending',
    });
    expect(nextSort({ column: 'kind', direction: 'descending' }, 'kind').direction).toBe('ascending');
    expect(nextSort({ column: 'kind', direction: 'descending' }, 'model')).toEqual({
      column: 'model',
      direction: 'ascending',
    });
  });
});

describe('adapter choice', () => {
  const adapters = [
    { name: 'lo', address: '127.0.0.1', cidr: '127.0.0.1/8', internal: true },
    { name: 'eth0', address: '192.168.1.5', cidr: '192.168.1.5/24', internal: false },
    { name: 'eth0', address: '10.0.0.5', cidr: '10.0.0.5/24', internal: false },
    { name: 'wlan0', address: '172.16.0.9', cidr: '172.16.0.9/16', internal: false },
  ];

  it('offers non-internal adapters once each', () => {
    expect(pickableAdapters(adapters).map((a) => a.name)).toEqual(['eth0', 'wlan0']);
  });

  it('ticks the site adapters that exist, or all of them', () => {
    const pickable = pickableAdapters(adapters);
    expect(defaultAdapterChoice(pickable, ['wlan0', 'gone0'])).toEqual(['wlan0']);
    expect(defaultAdapterChoice(pickable, ['gone0'])).toEqual(['eth0', 'wlan0']);
    expect(defaultAdapterChoice(pickable, [])).toEqual(['eth0', 'wlan0']);
  });
});
