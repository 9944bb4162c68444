import { describe, expect, it } from 'vitest';
import { createRedactedLog, redactedLine } from './log-line.ts';

describe('the host’s and the CLI’s log lines', () => {
  it('redacts passwords, tokens and secrets in text, objects and errors', () => {
    const lines: string[] = [];
    const log = createRedactedLog((line) => lines.push(line));
    log('login failed for http://admin:hunter2@10.0.0.5/api?password=hunter2');
    log({ request: { headers: { Authorization: 'Bearer abc.def' }, body: { appSecret: 's3cr3t' } } });
    log(new Error('refused: {"access_token":"tok-123","client_secret":"cs-9"}'));
    const all = lines.join('\n');
    for (const secret of ['hunter2', 'abc.def', 's3cr3t', 'tok-123', 'cs-9']) expect(all).not.toContain(secret);
    expect(all).toContain('[REDACTED]');
    expect(redactedLine('Discovery: browsing _http._tcp on eth0.')).toBe('Discovery: browsing _http._tcp on eth0.');
  });
});
