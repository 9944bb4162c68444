import { describe, expect, it } from 'vitest';
import { assertMdnsAllowed, mdnsPolicyFromEnv } from './mdns-policy.ts';

describe('mDNS policy', () => {
  it('reads the environment, treating unknown values as the safe side', () => {
    expect(mdnsPolicyFromEnv({})).toBe('on');
    expect(mdnsPolicyFromEnv({ FCOM_MDNS: 'off' })).toBe('off');
    expect(mdnsPolicyFromEnv({ FCOM_MDNS: 'isolated-only' })).toBe('isolated-only');
    expect(mdnsPolicyFromEnv({ FCOM_MDNS: 'yes please' })).toBe('isolated-only');
  });

  it('refuses outside a private namespace when isolated-only, and always when off', () => {
    expect(() => assertMdnsAllowed('isolated-only', () => false)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN_MDNS' }),
    );
    expect(() => assertMdnsAllowed('isolated-only', () => true)).not.toThrow();
    expect(() => assertMdnsAllowed('off', () => true)).toThrow(/turned off/);
    expect(() => assertMdnsAllowed('on', () => false)).not.toThrow();
  });
});
