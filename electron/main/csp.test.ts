import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, isAppDocument, withCspHeader } from './csp.ts';

const page = 'file:///opt/fcom/resources/app.asar/out/renderer/index.html';

function directives(policy: string): string[] {
  return policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();
}

describe('APP_CSP', () => {
  it("says the same as the renderer page's meta tag", () => {
    const html = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(directives(APP_CSP)).toEqual(directives(meta ?? ''));
  });
});

describe('withCspHeader', () => {
  it('replaces any existing CSP header, whatever its case, and keeps the others as arrays', () => {
    const headers = withCspHeader({
      'content-security-policy': ["default-src *; script-src 'unsafe-inline'"],
      'Content-Type': 'text/html',
      'X-Other': ['a', 'b'],
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'X-Other': ['a', 'b'],
      'Content-Security-Policy': [APP_CSP],
    });
  });

  it('adds the header when there were no headers', () => {
    expect(withCspHeader(undefined)).toEqual({ 'Content-Security-Policy': [APP_CSP] });
  });
});

describe('isAppDocument', () => {
  it('matches the app page and dev server documents only', () => {
    expect(isAppDocument({ url: page, resourceType: 'mainFrame' }, page)).toBe(true);
    expect(isAppDocument({ url: `${page}#/jobs`, resourceType: 'mainFrame' }, page)).toBe(true);
    expect(isAppDocument({ url: page, resourceType: 'script' }, page)).toBe(false);
    expect(isAppDocument({ url: 'https://example.com/', resourceType: 'mainFrame' }, page)).toBe(false);
    expect(isAppDocument({ url: 'file:///tmp/evil.html', resourceType: 'subFrame' }, page)).toBe(false);
    expect(
      isAppDocument({ url: 'http://localhost:5173/', resourceType: 'mainFrame' }, page, 'http://localhost:5173'),
    ).toBe(true);
  });
});
