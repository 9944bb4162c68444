import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl } from './trusted-sender.ts';

const page = 'file:///opt/fcom/resources/app.asar/out/renderer/index.html';

describe('isTrustedSenderUrl', () => {
  it('accepts the app page itself, with or without a hash', () => {
    expect(isTrustedSenderUrl(page, page)).toBe(true);
    expect(isTrustedSenderUrl(`${page}#/devices`, page)).toBe(true);
  });

  it('refuses other files, web pages and garbage', () => {
    expect(isTrustedSenderUrl('file:///tmp/evil.html', page)).toBe(false);
    expect(isTrustedSenderUrl('https://example.com/', page)).toBe(false);
    expect(isTrustedSenderUrl('not a url', page)).toBe(false);
    expect(isTrustedSenderUrl('', page)).toBe(false);
  });

  it('refuses the same path on another host (a Windows share)', () => {
    expect(
      isTrustedSenderUrl('file://attacker.example/opt/fcom/resources/app.asar/out/renderer/index.html', page),
    ).toBe(false);
  });

  it('accepts the dev server origin only when one is configured', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/', page)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', page, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', page, 'http://localhost:5173')).toBe(false);
  });
});
