import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './file-bytes.ts';
import { formatDuration } from './format-duration.ts';

describe('removal wizard formatting', () => {
  it('encodes any bytes, large ones included, as base64', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const decoded = Uint8Array.from(atob(bytesToBase64(bytes)), (char) => char.charCodeAt(0));
    expect(decoded).toEqual(bytes);
    expect(bytesToBase64(new Uint8Array([0xef, 0xbb, 0xbf, 0x31]))).toBe('77u/MQ==');
  });

  it('says estimated durations in the interface language, rounded up', () => {
    expect(formatDuration(400, 'en')).toBeNull();
    expect(formatDuration(2_100, 'en')).toBe('3 seconds');
    expect(formatDuration(125_000, 'en')).toBe('3 minutes');
    expect(formatDuration(2 * 3600_000, 'en')).toBe('2 hours');
    expect(formatDuration(2_000, 'zh-CN')).toMatch(/2\s*秒/);
  });
});
