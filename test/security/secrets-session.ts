import { expect } from 'vitest';
import type { SimServer } from '../../tools/sim/common/http.ts';

/** A contract answer as every transport returns it. */
export type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** Calls one contract channel through some transport (the host's WebSocket, Electron's IPC handler body). */
export type Invoke = (channel: string, request: unknown) => Promise<Answer>;

/** The simulated terminals of a session: two whose password is the secret, one with another password. */
export interface Sims {
  basip: SimServer;
  basipSerial: string;
  sophon: SimServer;
  otherBasip: SimServer;
}

/**
 * Everything a technician does with a password, through the contract: site defaults for both kinds, terminals
 * added with it (the BAS-IP simulator checks the MD5 login, so `credentials: 'ok'` proves it was really used), a
 * terminal's own credentials, a page of people (another login), then failures that carry it: a wrong password
 * that contains it, an unreachable terminal, and a request the contract rejects.
 */
export async function credentialsSession(invoke: Invoke, sims: Sims, password: string): Promise<void> {
  const credentials = { username: 'admin', password };
  for (const kind of ['basip', 'sophon']) {
    expect(await invoke('devices:set-credentials', { target: { kind }, credentials })).toEqual({
      ok: true,
      value: { saved: true },
    });
  }
  const basip = await invoke('devices:add', { address: `127.0.0.1:${sims.basip.port}`, kind: 'basip', credentials });
  expect(basip).toMatchObject({ ok: true, value: { serial: sims.basipSerial, credentials: 'ok' } });
  const sophon = await invoke('devices:add', { address: `127.0.0.1:${sims.sophon.port}`, kind: 'sophon', credentials });
  expect(sophon).toMatchObject({ ok: true, value: { kind: 'sophon' } });
  expect(await invoke('devices:set-credentials', { target: { serial: sims.basipSerial }, credentials })).toMatchObject({
    ok: true,
  });
  const people = await invoke('devices:people', { serial: sims.basipSerial, pageIndex: 0, pageSize: 5 });
  expect(people).toMatchObject({ ok: true });

  const wrong = await invoke('devices:add', {
    address: `127.0.0.1:${sims.otherBasip.port}`,
    kind: 'basip',
    credentials: { username: 'admin', password: `${password}-wrong` },
  });
  expect(wrong.ok ? (wrong.value as { credentials?: string }).credentials : 'failed').not.toBe('ok');
  const closed = await invoke('devices:add', { address: '127.0.0.1:1', kind: 'basip', credentials });
  expect(closed).toMatchObject({ ok: false });
  const invalid = await invoke('devices:set-credentials', {
    target: { kind: 'basip' },
    credentials: { username: '', password },
  });
  expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
}
