import { describe, expect, it } from 'vitest';
import { checkId, cleanCell } from './validate-id.ts';

const UUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

describe('cleanCell', () => {
  it('trims white space, no-break spaces and zero-width characters', () => {
    expect(cleanCell('  1001\t')).toBe('1001');
    expect(cleanCell('\u00a01001\u200b')).toBe('1001');
    expect(cleanCell('   ')).toBe('');
  });

  it('unwraps Excel\'s ="..." text formula', () => {
    expect(cleanCell('="00123"')).toBe('00123');
    expect(cleanCell('=SUM(A1)')).toBe('=SUM(A1)');
  });
});

describe('checkId', () => {
  it('accepts identity ids up to 64 characters without spaces, letters included', () => {
    expect(checkId('identity_id', '1001')).toEqual({ ok: true, value: '1001' });
    expect(checkId('identity_id', 'emp-42_A')).toEqual({ ok: true, value: 'emp-42_A' });
    expect(checkId('identity_id', '9'.repeat(64))).toEqual({ ok: true, value: '9'.repeat(64) });
  });

  it('refuses identity ids with spaces or over 64 characters', () => {
    expect(checkId('identity_id', '10 01')).toMatchObject({ ok: false, code: 'invalid_identity_id' });
    const long = checkId('identity_id', '9'.repeat(65));
    expect(long).toMatchObject({ ok: false, code: 'invalid_identity_id' });
    expect(!long.ok && long.message).toMatch(/at most 64 characters/);
    expect(checkId('nativeId', 'a b')).toMatchObject({ ok: false, code: 'invalid_native_id' });
  });

  it('accepts UUID link ids in either case and refuses anything else', () => {
    expect(checkId('link_id', UUID)).toEqual({ ok: true, value: UUID });
    expect(checkId('link_id', UUID.toUpperCase())).toEqual({ ok: true, value: UUID.toUpperCase() });
    for (const bad of ['1001', `${UUID}0`, UUID.replace(/-/g, ''), UUID.replace('3', 'g'), `{${UUID}}`]) {
      const check = checkId('link_id', bad);
      expect(check).toMatchObject({ ok: false, code: 'invalid_link_id' });
      expect(!check.ok && check.message).toMatch(/UUID/);
    }
  });

  it('reads uids as positive whole numbers', () => {
    expect(checkId('uid', '42')).toEqual({ ok: true, value: 42 });
    expect(checkId('uid', '007')).toEqual({ ok: true, value: 7 });
    for (const bad of ['0', '-1', '1.5', 'abc', '99999999999999999999']) {
      expect(checkId('uid', bad)).toMatchObject({ ok: false, code: 'invalid_uid' });
    }
  });

  it('accepts face ids and register image ids of printable characters', () => {
    expect(checkId('face_id', 'f-1')).toEqual({ ok: true, value: 'f-1' });
    expect(checkId('register_image_id', 'img 7')).toEqual({ ok: true, value: 'img 7' });
    expect(checkId('face_id', 'x'.repeat(129))).toMatchObject({ ok: false, code: 'invalid_face_id' });
    expect(checkId('register_image_id', 'a\u0007')).toMatchObject({ ok: false, code: 'invalid_register_image_id' });
  });

  it('explains ids that Excel turned into scientific notation', () => {
    const check = checkId('identity_id', '1.23457E+17');
    expect(check).toMatchObject({ ok: false, code: 'scientific_notation' });
    expect(!check.ok && check.message).toMatch(/format the column as Text/);
    expect(checkId('uid', '1E+15')).toMatchObject({ ok: false, code: 'scientific_notation' });
  });
});
