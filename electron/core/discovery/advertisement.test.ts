import { describe, expect, it } from 'vitest';
import { sanitizeAdvertisedText, sanitizeTxt, validPort } from './advertisement.ts';

describe('advertisement sanitising', () => {
  it('keeps HTML as inert text, strips control and bidi characters, and truncates', () => {
    expect(sanitizeAdvertisedText('<img src=x onerror=alert(1)>\u0000\u202eevil')).toBe(
      '<img src=x onerror=alert(1)> evil',
    );
    const long = sanitizeAdvertisedText('x'.repeat(8192));
    expect([...long]).toHaveLength(128);
    expect(long.endsWith('…')).toBe(true);
  });

  it('decodes invalid UTF-8 with replacement characters instead of failing', () => {
    expect(sanitizeAdvertisedText(new Uint8Array([0x41, 0xff, 0xfe, 0x42]))).toBe('A\ufffd\ufffdB');
  });

  it('cleans TXT records and refuses prototype keys', () => {
    const txt = sanitizeTxt({
      Serial: 'SN-1',
      __proto__: 'x',
      vendor: Buffer.from([0xc3, 0x28]),
      model: 'm'.repeat(9000),
    });
    expect(txt.serial).toBe('SN-1');
    expect(Object.hasOwn(txt, '__proto__')).toBe(false);
    expect(txt.vendor).toBe('\ufffd(');
    expect(txt.model?.length).toBe(128);
    expect(sanitizeTxt('nonsense')).toEqual({});
  });

  it('accepts only real ports', () => {
    expect(validPort(5555)).toBe(5555);
    for (const bad of [0, -1, 65536, 1.5, '80', null]) expect(validPort(bad)).toBeNull();
  });
});
