import { describe, expect, it } from 'vitest';
import type { TerminalDriver } from '../drivers/driver.ts';
import { createDrivers } from '../drivers/registry.ts';
import { kindFromTxt } from './identify.ts';

describe('kindFromTxt reads the vendor names each driver declares', () => {
  it('names the registered kinds from their TXT vendor or manufacturer', () => {
    const drivers = createDrivers({ timeoutMs: 500 });
    expect(kindFromTxt({ vendor: 'Sophon Tech' }, drivers)).toBe('sophon');
    expect(kindFromTxt({ manufacturer: 'BAS-IP' }, drivers)).toBe('basip');
    expect(kindFromTxt({ vendor: 'basip ltd' })).toBe('basip');
    expect(kindFromTxt({ vendor: 'Acme' }, drivers)).toBeUndefined();
    expect(kindFromTxt({}, drivers)).toBeUndefined();
  });

  it('knows a vendor only through a driver that declares its name', () => {
    const real = createDrivers({ timeoutMs: 500 }).find((d) => d.kind === 'basip') as TerminalDriver;
    const renamed: Pick<TerminalDriver, 'kind' | 'identify'> = {
      kind: 'basip',
      identify: { ...real.identify, txtVendorNames: ['acme'] },
    };
    expect(kindFromTxt({ vendor: 'ACME Corp' }, [renamed])).toBe('basip');
    expect(kindFromTxt({ vendor: 'BAS-IP' }, [renamed])).toBeUndefined();
  });
});
