import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/ipc/names.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import { FORBIDDEN_SENDER_MESSAGE, handleInvoke } from './ipc-invoke.ts';
import { isTrustedSenderUrl } from './trusted-sender.ts';

const page = 'file:///opt/fcom/resources/app.asar/out/renderer/index.html';
const trusted = (url: string): boolean => isTrustedSenderUrl(url, page);

/** Every contract channel answered by a spy; `devices:forget` answers what its contract says. */
function spyHandlers(): { handlers: Handlers; calls: Map<string, unknown[]> } {
  const calls = new Map<string, unknown[]>();
  const handlers = Object.fromEntries(
    CHANNEL_NAMES.map((channel) => [
      channel,
      vi.fn(async (request: unknown) => {
        calls.set(channel, [...(calls.get(channel) ?? []), request]);
        return { forgotten: true };
      }),
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

const UNTRUSTED = [
  'https://example.com/',
  'file:///tmp/evil.html',
  'file://attacker.example/opt/fcom/resources/app.asar/out/renderer/index.html',
  'http://localhost:5173/',
  'devtools://devtools/bundled/inspector.html',
  'data:text/html,<script>1</script>',
  'about:blank',
  '',
];

describe('handleInvoke', () => {
  it.each(UNTRUSTED)('answers FORBIDDEN_SENDER to %j and never calls a handler', async (senderUrl) => {
    const { handlers, calls } = spyHandlers();
    for (const channel of CHANNEL_NAMES) {
      const result = await handleInvoke(handlers, channel, { serial: 'SN-1' }, senderUrl, trusted);
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: FORBIDDEN_SENDER_MESSAGE } });
    }
    expect(calls.size).toBe(0);
  });

  it('treats a trust check that throws as untrusted', async () => {
    const { handlers, calls } = spyHandlers();
    const result = await handleInvoke(handlers, 'devices:forget', { serial: 'SN-1' }, page, () => {
      throw new Error('boom');
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(calls.size).toBe(0);
  });

  it('passes the URL it was given to the trust check', async () => {
    const { handlers } = spyHandlers();
    const check = vi.fn(() => false);
    await handleInvoke(handlers, 'devices:forget', { serial: 'SN-1' }, `${page}#/devices`, check);
    expect(check).toHaveBeenCalledWith(`${page}#/devices`);
  });

  it('lets the app page reach the handler, with the validated request', async () => {
    const { handlers, calls } = spyHandlers();
    const result = await handleInvoke(handlers, 'devices:forget', { serial: 'SN-1' }, `${page}#/devices`, trusted);
    expect(result).toEqual({ ok: true, value: { forgotten: true } });
    expect(calls.get('devices:forget')).toEqual([{ serial: 'SN-1' }]);
    expect([...calls.keys()]).toEqual(['devices:forget']);
  });

  it('still validates a trusted request: a bad payload never reaches the handler', async () => {
    const { handlers, calls } = spyHandlers();
    const result = await handleInvoke(handlers, 'devices:forget', { serial: '' }, page, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(calls.size).toBe(0);
  });
});
