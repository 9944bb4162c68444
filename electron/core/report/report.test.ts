import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { createAliyunJournal } from '../cloud/jobs/aliyun-journal.ts';
import { createJobTable } from '../jobs/job-table.ts';
import { createPushJournal } from '../cloud/jobs/push-journal.ts';
import { createCore, type Core } from '../compose.ts';
import { createJournal } from '../removal/journal.ts';
import type { PlannedItem } from '../removal/plan-ids.ts';
import { memorySecrets } from '../../../test/support/removal/test-kit.ts';
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
    // Per terminal: done (of which already absent), needs attention (of which unconfirmed), queued.
    expect(rowText(html, 'Per terminal', 'SN-EVIL')).toMatch(/SN-EVIL 2 1 1 0 0 0 0 0(?: \d{4}-|$)/);
    expect(rowText(html, 'Per terminal', 'SN-LOBBY')).toMatch(/^Lobby SN-LOBBY 0 0 0 0 2 0 0 0(?: \d{4}-|$)/);
    // Terminals found without operations are listed too.
    expect(rowText(html, 'Per terminal', 'SN-IDLE')).toMatch(/^Idle gate SN-IDLE 0 0 0 0 0 0 0 0$/);
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
    // Outcome, evidence (none recorded here), the outcome in words; never queued: synced only.
    expect(done).toMatch(/,done,removed,,removed,success,,1,,\d{4}-[^,]*Z,\d{4}-[^,]*Z,/);
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

describe('the commissioning report of cloud operations', () => {
  const T0 = Date.UTC(2024, 4, 1, 8, 0, 0);
  const QUEUED = T0 + 60_000;
  const RETRIED = T0 + 10 * 60_000;
  const SYNCED = T0 + 30 * 60_000;
  let dir: string;
  let core: Core;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-report-cloud-'));
    core = createCore({ dataDir: dir, target: 'cli', mdnsPolicy: 'off', secrets: memorySecrets() });
    const { db } = core.services;
    let clock = T0;
    const now = () => clock;
    const rows = createJobTable(db, now);
    const push = createPushJournal(db, rows, now);
    const aliyun = createAliyunJournal(db, rows, now);
    push.createJob('push-r', { projectId: 'p', mode: 'full', certificate: 'card' }, 'Gate push', [
      { channelId: 'ch-1', name: 'Main Gate', deviceName: null },
    ]);
    aliyun.createJob('ali-r', { userType: 'IDENTITY', scopeType: 'IOT_ID' }, null, ['u1'], ['dev-a']);
    clock = QUEUED; // the clouds do not answer
    push.setQueued('push-r', true);
    aliyun.setQueued('ali-r', true);
    clock = RETRIED; // another pass, still no answer
    push.setQueued('push-r', false);
    push.setQueued('push-r', true);
    aliyun.setQueued('ali-r', true);
    clock = SYNCED; // answered
    push.setQueued('push-r', false);
    const [channel] = push.channels('push-r');
    if (!channel) throw new Error('channel expected');
    push.finish(channel, 'done', null, null);
    const batch = aliyun.claimBatch('ali-r', 'dev-a', 10);
    if (!batch) throw new Error('batch expected');
    aliyun.acknowledge(batch.id, [{ itemId: batch.items[0]!.id, outcome: 'removed', rawCode: '200', reason: null }]);
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows when each cloud operation was first queued and when the cloud acknowledged it, not its last change', () => {
    const csv = core.services.report.build({ format: 'csv' }).content.split('\r\n');
    const times = `,${new Date(QUEUED).toISOString()},${new Date(SYNCED).toISOString()},${new Date(SYNCED).toISOString()},`;
    const pushRow = csv.find((l) => l.startsWith('operation,push:'));
    expect(pushRow).toContain(',push-r,Gate push,push,permission-push,cloud,tuya,');
    expect(pushRow).toContain(times);
    const aliyunRow = csv.find((l) => l.startsWith('operation,aliyun:'));
    expect(aliyunRow).toContain(',done,removed,,removed,200,');
    expect(aliyunRow).toContain(times);

    const html = core.services.report.build({ format: 'html' }).content;
    const when = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    expect(rowText(html, 'Per channel', 'Main Gate')).toMatch(
      new RegExp(`^Tuya cloud · Main Gate tuya/ch-1 1 0 0 0 0 0 0 0 ${when(QUEUED)} UTC ${when(SYNCED)} UTC$`),
    );
    expect(rowText(html, 'Jobs', 'Gate push')).toContain(`${when(QUEUED)} UTC ${when(SYNCED)} UTC`);
    expect(html).not.toContain(when(RETRIED));
  });
});
