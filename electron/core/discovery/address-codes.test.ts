import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { parseSubnet, parseTypedAddress } from './address.ts';

/** The details of the error `call` throws. */
function detailsOf(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).details;
  }
  throw new Error('expected a refusal');
}

describe('address refusals as message codes (the UI words them in the chosen language)', () => {
  it.each([
    ['', 'address.empty'],
    ['ftp://10.0.0.1', 'address.scheme'],
    ['10.0.0.1:70000', 'address.port-range'],
    ['10.0.0.1/24', 'address.characters'],
    ['300.1.1.1', 'address.ipv4-range'],
    ['bad_host!', 'address.host'],
    ['-bad-.example', 'address.host'],
  ])('"%s" → %s with what was typed', (typed, code) => {
    expect(detailsOf(() => parseTypedAddress(typed))).toEqual({ messageCode: code, params: { text: typed } });
  });

  it.each([
    ['10.0.0.0', null],
    ['10.0.0.0/8', 'subnet.too-wide'],
    ['10.0.0.0/40', 'subnet.prefix-range'],
    ['ten/24', 'subnet.form'],
  ])('subnet "%s" → %s', (typed, code) => {
    if (code === null) {
      expect(parseSubnet(typed).cidr).toBe('10.0.0.0/32');
      return;
    }
    expect(detailsOf(() => parseSubnet(typed))).toEqual({ messageCode: code, params: { text: typed, max: 22 } });
  });
});
