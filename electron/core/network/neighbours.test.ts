import { describe, expect, it } from 'vitest';
import { parseArpTable, systemMacLookup } from './neighbours.ts';

const SAMPLE = `IP address       HW type     Flags       HW address            Mask     Device
10.77.0.12       0x1         0x2         0A:1B:2C:3D:4E:5F     *        br0
10.77.0.13       0x1         0x0         00:00:00:00:00:00     *        br0
10.77.0.14       0x1         0x6         aa:bb:cc:dd:ee:01     *        br0
10.77.0.15       0x1         0x2         not-a-mac             *        br0

`;

describe('the neighbour table', () => {
  it('keeps resolved entries with a real MAC, in lower case', () => {
    expect([...parseArpTable(SAMPLE)]).toEqual([
      ['10.77.0.12', '0a:1b:2c:3d:4e:5f'],
      ['10.77.0.14', 'aa:bb:cc:dd:ee:01'],
    ]);
  });

  it('answers null for an unknown address, and when the table cannot be read', () => {
    const lookup = systemMacLookup(() => SAMPLE);
    expect(lookup('10.77.0.13')).toBeNull();
    expect(lookup('127.0.0.1')).toBeNull();
    if (process.platform === 'linux') expect(lookup('10.77.0.12')).toBe('0a:1b:2c:3d:4e:5f');
    const unreadable = systemMacLookup(() => {
      throw new Error('EACCES');
    });
    expect(unreadable('10.77.0.12')).toBeNull();
  });
});
