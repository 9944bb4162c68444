import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupLogging } from './logging.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fcom-logging-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('setupLogging', () => {
  it('writes to <logsDir>/main.log with secrets redacted, in strings, objects and errors', () => {
    const logger = setupLogging({ logsDir: dir });
    logger.info('login', 'GET /api/v1/login?username=admin&password=E10ADC3949BA59ABBE56E057F20F883E');
    logger.warn({ appSecret: 'app-s3cret', headers: { Authorization: 'Bearer tok-123' }, serial: 'SN-9' });
    logger.error(
      Object.assign(new Error('refused access_token=acc-456'), { config: { data: '{"password":"pw-789"}' } }),
    );
    const text = readFileSync(logger.file, 'utf8');
    expect(logger.file).toBe(join(dir, 'main.log'));
    expect(text).toContain('[info]');
    expect(text).toContain('SN-9');
    expect(text).toContain('[REDACTED]');
    for (const secret of ['E10ADC3949BA59ABBE56E057F20F883E', 'app-s3cret', 'tok-123', 'acc-456', 'pw-789']) {
      expect(text).not.toContain(secret);
    }
  });

  it('rotates at maxSize and keeps only `keep` old files', () => {
    const logger = setupLogging({ logsDir: dir, maxSize: 2_000, keep: 2 });
    for (let i = 0; i < 200; i += 1) logger.info(`line ${i} ${'x'.repeat(80)}`);
    const names = logger.files().map((p) => p.slice(dir.length + 1));
    expect(names).toEqual(['main.2.log', 'main.1.log', 'main.log']);
    for (const path of logger.files()) expect(readFileSync(path).length).toBeLessThan(2_000 + 200);
    expect(readFileSync(logger.file, 'utf8')).toContain('line 199');
  });

  it('leaves the global console alone unless asked', () => {
    const before = console.error;
    setupLogging({ logsDir: dir });
    expect(console.error).toBe(before);
  });
});
