import type { Terminal } from '../../../../shared/domain/terminal.ts';

/** A terminal for unit tests: a trusted BAS-IP panel online at 192.168.1.20:80 unless `overrides` says otherwise. */
export function terminal(overrides: Partial<Terminal> = {}): Terminal {
  return {
    serial: 'SER-1',
    kind: 'basip',
    apiVersion: 'v1',
    name: 'Lobby',
    model: 'AA-12FB',
    firmware: '3.9.1',
    address: '192.168.1.20',
    port: 80,
    online: true,
    lastSeen: 1_700_000_000_000,
    credentials: 'ok',
    peopleCount: 10,
    capacity: null,
    source: 'manual',
    adapter: null,
    trust: 'trusted',
    pin: { address: '192.168.1.20', port: 80, kind: 'basip', model: 'AA-12FB', at: 0 },
    conflict: null,
    ...overrides,
  };
}
