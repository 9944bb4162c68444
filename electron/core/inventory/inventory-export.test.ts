import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { terminalsToCsv } from './inventory-export.ts';

const panel = (serial: string, extra: Partial<Terminal> = {}): Terminal => ({
  serial,
  kind: 'basip',
  apiVersion: 'v1',
  name: 'AA-12FB entrance panel',
  model: 'AA-12FB',
  firmware: '3.9.1',
  address: '10.0.0.21',
  port: 80,
  online: true,
  lastSeen: Date.UTC(2026, 4, 1, 8, 0, 0),
  credentials: 'ok',
  peopleCount: 3,
  capacity: 10000,
  source: 'manual',
  adapter: null,
  trust: 'trusted',
  ...extra,
});

describe('terminal list export', () => {
  it('writes a header and one row per terminal, with the label and serial of each', () => {
    const csv = terminalsToCsv([panel('B-2'), panel('B-1', { label: 'Gate 3 entrance' })]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'label,name,kind,serial,model,firmware,address,port,online,trust,credentials,people,capacity,last_seen',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      ',AA-12FB entrance panel,basip,B-2,AA-12FB,3.9.1,10.0.0.21,80,true,trusted,ok,3,10000,2026-05-01T08:00:00.000Z',
    );
    expect(lines[2]?.startsWith('Gate 3 entrance,AA-12FB entrance panel,basip,B-1,')).toBe(true);
  });

  it('guards names a device chose against formula injection, full-width forms included', () => {
    const csv = terminalsToCsv([
      panel('X-1', { name: '=HYPERLINK("http://evil","x")' }),
      panel('X-2', { name: '＠SUM(A1)', model: '+cmd' }),
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv).toContain("'＠SUM(A1)");
    expect(csv).toContain("'+cmd");
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('keeps Chinese labels as they are and leaves unknown values empty', () => {
    const csv = terminalsToCsv([
      panel('Z-1', { label: '三号门 入口', model: null, lastSeen: null, peopleCount: null }),
    ]);
    expect(csv).toContain('三号门 入口,AA-12FB entrance panel,basip,Z-1,,3.9.1');
    expect(csv.trimEnd().endsWith(',10000,')).toBe(true);
  });
});
