import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { createCore, type Core } from '../compose.ts';
import { createJournal } from '../removal/journal.ts';
import type { PlannedItem } from '../removal/planner.ts';
import { memorySecrets } from '../removal/test-kit.ts';
import { HTML_ITEM_LIMIT } from './collect.ts';
import { REPORT_CSV_COLUMNS } from './csv.ts';

const HOSTILE_TERMINAL = '<script>alert("t")</script>';
const HOSTILE_PERSON = '"><img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil","x")';

function terminal(serial: string, name: string, online: boolean): Terminal {
  return {
    serial,
    kind: 'sophon',
    apiVersion: 'v2',
    name,
    model: 'S-1',
    firmware: '1.0',
    address: '10.0.0.1',
    port: 5555,
    online,
    lastSeen: 1_700_000_000_000,
    credentials: 'not-required',
    peopleCount: 10,
    capacity: 100,
    source: 'manual',
    adapter: null,
  };
}

function item(seq: number, terminalSerial: string, id: string, name: string): PlannedItem {
  return {
    seq,
    terminal: terminalSerial,
    terminalKind: 'sophon',
    line: seq + 2,
    name,
    personKey: id,
    idKind: 'identity_id',
    nativeId: id,
    faceId: '',
    failure: null,
  };
}

/** Strips tags from the row of a section's table that contains a text, squeezing spaces: what a reader sees. */
function rowText(html: string, heading: string, containing: string): string {
  const section = html.split('<h2>').find((s) => s.startsWith(heading)) ?? '';
  const row = section.split('<tr>').find((r) => r.includes(containing)) ?? '';
  return row
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the commissioning report', () => {
  let dir: string;
  let core: Core;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-report-'));
    core = createCore({ dataDir: dir, target: 'cli', mdnsPolicy: 'off', secrets: memorySecrets() });
    const { inventory, db } = core.services;
    inventory.save(terminal('SN-EVIL', HOSTILE_TERMINAL, true));
    inventory.save(terminal('SN-LOBBY', 'Lobby', false));
    inventory.save(terminal('SN-IDLE', 'Idle gate', true));
    const journal = createJournal(db);
    journal.createJob('job-1', { mode: 'people', verify: false, devices: 'all' }, 'visit.csv', [
      item(0, 'SN-EVIL', '1001', HOSTILE_PERSON),
      item(1, 'SN-EVIL', '1002', 'Li Lei'),
      item(2, 'SN-EVIL', FORMULA, 'Formula'),
      item(3, 'SN-LOBBY', '2001', 'Han Meimei'),
      item(4, 'SN-LOBBY', '2002', 'Wang Wu'),
    ]);
    const batch = journal.claimBatch('job-1', 'SN-EVIL', 2);
    if (!batch) throw new Error('no batch');
    journal.acknowledge(batch.id, [
      { itemId: batch.items[0]!.id, outcome: 'removed', rawCode: 'success', reason: null },
      { itemId: batch.items[1]!.id, outcome: 'already-absent', rawCode: 'ID_NOT_FOUND', reason: null },
    ]);
    journal.failTerminal('job-1', 'SN-EVIL', { rawCode: 'auth', reason: 'Credentials rejected: <b>no</b>' });
    journal.queueTerminal('job-1', 'SN-LOBBY');
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a self-contained printable HTML page with per-terminal summaries and a chart of outcomes', () => {
    const report = core.services.report.build({ format: 'html' });
    expect(report).toMatchObject({ format: 'html', terminals: 3, operations: 5 });
    expect(report.fileName).toMatch(/^fcom-report-default-site-\d{4}-\d{2}-\d{2}\.html$/);
    const html = report.content;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain('@media print');
    expect(html).toMatch(/<svg class="chart" role="img" aria-label="Operations by outcome"/);
    // No external resource, no script.
    expect(html).not.toMatch(/<script|src=["']?http|<link /i);
    // Per terminal: done (of which already absent), needs attention, queued.
    expect(rowText(html, 'Per terminal', 'SN-EVIL')).toMatch(/SN-EVIL 2 1 1 0 0 0 0/);
    expect(rowText(html, 'Per terminal', 'SN-LOBBY')).toMatch(/^Lobby SN-LOBBY 0 0 0 2 0 0 0/);
    // Terminals found without operations are listed too.
    expect(rowText(html, 'Per terminal', 'SN-IDLE')).toMatch(/^Idle gate SN-IDLE 0 0 0 0 0 0 0/);
    expect(html).toContain('No channel operations in this visit.');
    expect(html).toContain('Commissioning report · 调试报告');
  });

  it('escapes every hostile value', () => {
    const html = core.services.report.build({ format: 'html' }).content;
    expect(html).not.toContain(HOSTILE_TERMINAL);
    expect(html).not.toContain(HOSTILE_PERSON);
    expect(html).not.toContain('<b>no</b>');
    expect(html).toContain('&#60;script&#62;alert(&#34;t&#34;)&#60;/script&#62;');
    expect(html).toContain('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;');
  });

  it('is a CSV of the terminals found and every operation with when it was queued and synced, formula-safe', () => {
    const report = core.services.report.build({ format: 'csv' });
    expect(report).toMatchObject({ format: 'csv', operations: 5, terminals: 3 });
    const lines = report.content
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(REPORT_CSV_COLUMNS.join(','));
    expect(lines.filter((l) => l.startsWith('terminal,'))).toHaveLength(3);
    const operations = lines.filter((l) => l.startsWith('operation,'));
    expect(operations).toHaveLength(5);
    const queued = operations.filter((l) => l.includes(',queued,'));
    expect(queued).toHaveLength(2);
    expect(queued[0]).toMatch(/,\d{4}-\d{2}-\d{2}T[^,]+Z,,/); // queued at, not synced
    const done = operations.find((l) => l.includes(',1001,'));
    expect(done).toMatch(/,done,removed,success,,1,,\d{4}-[^,]*Z,\d{4}-[^,]*Z,/); // never queued: synced only
    expect(report.content).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(report.content).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('limits the HTML item list, problems first, and says the CSV has every one', () => {
    expect(HTML_ITEM_LIMIT).toBeGreaterThanOrEqual(1000);
    const since = Date.now() + 60_000;
    const empty = core.services.report.build({ format: 'html', since });
    expect(empty.operations).toBe(0);
    expect(empty.content).toContain('No jobs.');
  });
});
