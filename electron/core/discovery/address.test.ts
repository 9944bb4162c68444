import { describe, expect, it } from 'vitest';
import { parseSubnet, parseTypedAddress, subnetAddresses } from './address.ts';

describe('parseTypedAddress', () => {
  it('accepts IP, IP:port, host names and URLs', () => {
    expect(parseTypedAddress(' 10.0.0.5 ')).toEqual({ host: '10.0.0.5', port: null, scheme: 'http' });
    expect(parseTypedAddress('10.0.0.5:5555')).toEqual({ host: '10.0.0.5', port: 5555, scheme: 'http' });
    expect(parseTypedAddress('http://10.0.0.5/api')).toEqual({ host: '10.0.0.5', port: null, scheme: 'http' });
    expect(parseTypedAddress('https://panel-3.local:8443')).toEqual({
      host: 'panel-3.local',
      port: 8443,
      scheme: 'https',
    });
  });

  it.each(['', '10.0.0.256', '10.0.0.5:0', '10.0.0.5:70000', 'ftp://10.0.0.5', '<script>', '10.0.0.5:55:55', 'a b'])(
    'refuses %j with a VALIDATION error that shows an example',
    (input) => {
      expect(() => parseTypedAddress(input)).toThrow(
        expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining('192.168.1.20') }),
      );
    },
  );
});

describe('parseSubnet', () => {
  it('normalises the network and skips network and broadcast addresses', () => {
    const subnet = parseSubnet('192.168.7.77/24');
    expect(subnet.cidr).toBe('192.168.7.0/24');
    const all = [...subnetAddresses(subnet)];
    expect(all).toHaveLength(254);
    expect(all[0]).toBe('192.168.7.1');
    expect(all.at(-1)).toBe('192.168.7.254');
  });

  it('allows up to /22 and refuses anything wider', () => {
    expect(parseSubnet('10.1.2.3/22').size).toBe(1022);
    expect([...subnetAddresses(parseSubnet('10.1.2.3/22'))][0]).toBe('10.1.0.1');
    expect(() => parseSubnet('10.0.0.0/21')).toThrow(/at most \/22/);
    expect(() => parseSubnet('10.0.0.0/33')).toThrow(/VALIDATION|prefix/);
    expect(() => parseSubnet('nonsense')).toThrow(/a\.b\.c\.d\/n/);
  });

  it('treats /31 and /32 as every address they hold', () => {
    expect([...subnetAddresses(parseSubnet('10.0.0.9'))]).toEqual(['10.0.0.9']);
    expect([...subnetAddresses(parseSubnet('10.0.0.9/31'))]).toEqual(['10.0.0.8', '10.0.0.9']);
  });
});
