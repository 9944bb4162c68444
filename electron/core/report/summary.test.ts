import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportRequestSchema } from '../../../shared/domain/report.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { createPushJournal } from '../cloud/jobs/push-journal.ts';
import { createCore, type Core } from '../compose.ts';
import { createJobTable } from '../jobs/job-table.ts';
import { createJournal } from '../removal/journal.ts';
import type { PlannedItem } from '../removal/plan-ids.ts';
import { memorySecrets } from '../../../test/support/removal/test-kit.ts';

const LONG_NAME = '北门 Nordeingang Haupttor Gebäude C, zweiter Stock, links neben dem Aufzug — 人脸识别面板 第三号';
const LONG_SERIAL = 'DS-K1T671TM-3XF20240101V030500ENG12345678ABCDEF';
const HOSTILE_TECH = '<img src=x onerror=alert(1)> Zhang & "Wei"';

function terminal(serial: string, name: string): Terminal {
  return {
    serial,
    kind: 'sophon',
    apiVersion: 'v2',
    name,
    model: 'S-1',
    firmware: '1.0',
    address: '10.0.0.1',
    port: 5555,
    online: true,
    lastSeen: 1_700_000_000_000,
    credentials: 'not-required',
    peopleCount: 10,
    capacity: 100,
    source: 'manual',
    adapter: null,
  };
}

function item(seq: number, serial: string, id: string): PlannedItem {
  return {
    seq,
    terminal: serial,
    terminalKind: 'sophon',
    line: seq + 2,
    name: null,
    personKey: id,
    idKind: 'identity_id',
    nativeId: id,
    faceId: '',
    failure: null,
  };
}

/** The visible text of the summary row of a target, tags stripped and spaces squeezed. */
function summaryRow(html: string, key: string): string {
  const start = html.indexOf(`<tr data-target="${key}">`);
  if (start < 0) return '';
  return html
    .slice(start, html.indexOf('</tr>', start))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the per-terminal summary and the sign-off block of the report', () => {
  let dir: string;
  let core: Core;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-report-summary-'));
    core = createCore({ dataDir: dir, target: 'cli', mdnsPolicy: 'off', secrets: memorySecrets() });
    const { inventory, db } = core.services;
    inventory.save(terminal('SN-A', 'Gate A'));
    inventory.save(terminal('SN-B', 'Lobby B'));
    inventory.save(terminal(LONG_SERIAL, LONG_NAME));
    const journal = createJournal(db);
    journal.createJob('job-m', { mode: 'people', verify: true, devices: 'all' }, 'visit.csv', [
      item(0, 'SN-A', '1001'),
      item(1, 'SN-A', '1002'),
      item(2, 'SN-A', '1003'),
      item(3, 'SN-A', '1004'),
      item(4, 'SN-A', '1005'),
      item(5, 'SN-A', '1006'),
      item(6, 'SN-B', '2001'),
      item(7, 'SN-B', '2002'),
      item(8, 'SN-B', '2003'),
    ]);
    const batch = journal.claimBatch('job-m', 'SN-A', 6);
    if (!batch) throw new Error('no batch');
    const [a, b, c, d, f] = batch.items;
    journal.acknowledge(batch.id, [
      { itemId: a!.id, outcome: 'removed', rawCode: 'success', reason: null, evidence: 'answer' },
      { itemId: b!.id, outcome: 'removed', rawCode: 'success', reason: null, evidence: 'answer' },
      { itemId: c!.id, outcome: 'removed', rawCode: null, reason: null, evidence: 'read-back' },
      { itemId: d!.id, outcome: 'already-absent', rawCode: null, reason: null, evidence: 'read-before' },
      { itemId: f!.id, outcome: 'failed', rawCode: '4004', reason: 'No such id', evidence: 'item-error' },
    ]);
    journal.settleUnconfirmed('job-m', 'SN-A', { rawCode: null, reason: 'No per-item answer and no read.' });
    journal.failTerminal('job-m', 'SN-B', { rawCode: 'auth', reason: 'Credentials rejected.' });

    const now = () => Date.now();
    const push = createPushJournal(db, createJobTable(db, now), now);
    push.createJob('push-s', { projectId: 'p', mode: 'full', certificate: 'card' }, 'Gate push', [
      { channelId: 'ch-1', name: 'Main Gate', deviceName: null },
      { channelId: 'ch-2', name: 'Car park', deviceName: null },
    ]);
    push.setQueued('push-s', true);
    const [main] = push.channels('push-s');
    if (!main) throw new Error('channel expected');
    push.setQueued('push-s', false);
    push.finish(main, 'done', null, null);
    push.setQueued('push-s', true);
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leads with what each terminal was asked, confirmed with its evidence, and left open with the reasons', () => {
    const html = core.services.report.build({ format: 'html' }).content;
    const lead = html.indexOf('<section id="per-terminal-summary">');
    expect(lead).toBeGreaterThan(0);
    // First section of the page: before the chart and the per-terminal counts.
    expect(lead).toBeLessThan(html.indexOf('<h2>Summary · 摘要</h2>'));
    expect(lead).toBeLessThan(html.indexOf('<h2>Items · 明细</h2>'));

    const a = summaryRow(html, 'SN-A');
    // Name, serial; asked 6; 4 confirmed; 2 open.
    expect(a).toMatch(/^Gate A SN-A · S-1 · 10\.0\.0\.1:5555 · terminal · 终端 6 4 /);
    expect(a).toContain('2 × removed (terminal confirmed) 已删除（终端确认）');
    expect(a).toContain('1 × removed (read back) 已删除（删除后回读确认）');
    expect(a).toContain('1 × already absent (read before sending) 原本不存在（发送前读取确认）');
    expect(a).toContain(
      '1 × needs attention: unconfirmed — sent, but no answer or read says what became of it 需处理：未确认——已发送，但没有答复或读取能说明结果',
    );
    expect(a).toMatch(/1 × needs attention: failed \(terminal refused this item\) — .+ — code 4004/);
    // Confirmed counts come before the open ones: "4 … 2 …".
    expect(a).toMatch(/ 6 4 .* 2 /);

    // Every item of B refused: the reason grouped with its count and the terminal's code.
    const b = summaryRow(html, 'SN-B');
    expect(b).toMatch(/ 3 0 — 3 /);
    expect(b).toContain('3 × needs attention: failed — the credentials were refused — code auth');
    expect(b).toContain('凭据被拒绝');

    // A terminal found but asked nothing is listed with 0 and says so.
    expect(summaryRow(html, LONG_SERIAL)).toContain('0 0 — 0 Nothing asked · 无操作');

    // Cloud channels: each its own row, the done one confirmed, the other queued because the cloud did not answer.
    expect(summaryRow(html, 'tuya/ch-1')).toMatch(/^Main Gate Tuya cloud · channel · 通道 1 1 /);
    expect(summaryRow(html, 'tuya/ch-2')).toContain(
      '1 0 — 1 1 × queued — the cloud did not answer; waits in the queue 排队——云端无应答，排队等待',
    );
  });

  it('prints long names, serials and Chinese text whole, in cells that wrap (never cut off)', () => {
    const html = core.services.report.build({ format: 'html' }).content;
    const row = summaryRow(html, LONG_SERIAL);
    expect(row).toContain(LONG_NAME);
    expect(row).toContain(LONG_SERIAL);
    expect(html).toMatch(/h1, dd, th, td, li, \.label \{ overflow-wrap: anywhere; \}/);
    expect(html).not.toMatch(/nowrap|overflow:\s*hidden|text-overflow|overflow-x/);
  });

  it('ends with a sign-off block for the technician and the customer, names pre-filled and escaped', () => {
    const blank = core.services.report.build({ format: 'html' }).content;
    const block = blank.slice(blank.indexOf('<section id="sign-off"'));
    expect(block.length).toBeGreaterThan(0);
    expect(blank.indexOf('<section id="sign-off"')).toBeGreaterThan(blank.indexOf('<h2>Items · 明细</h2>'));
    for (const words of [
      'Sign-off · 签字确认',
      'Technician · 调试技术员',
      'Customer representative · 客户代表',
      'Signature · 签名',
      'Date · 日期',
      'Place · 地点',
    ]) {
      expect(block).toContain(words);
    }
    expect(block).not.toContain('class="filled"');

    const request = ReportRequestSchema.parse({ format: 'html', technician: `  ${HOSTILE_TECH} `, customer: '李娜' });
    const signed = core.services.report.build(request).content;
    const signedBlock = signed.slice(signed.indexOf('<section id="sign-off"'));
    expect(signedBlock).toMatch(
      /data-role="technician">.*<span class="filled">&#60;img src=x onerror=alert\(1\)&#62; Zhang &#38; &#34;Wei&#34;<\/span>/s,
    );
    expect(signedBlock).toMatch(/data-role="customer">.*<span class="filled">李娜<\/span>/s);
    expect(signed).not.toContain('<img src=x');
    // @media print keeps the block on one page.
    expect(signed).toContain('.sign-off { break-inside: avoid; }');
  });

  it('refuses sign-off names on several lines or too long', () => {
    expect(ReportRequestSchema.safeParse({ format: 'html', technician: 'A\nB' }).success).toBe(false);
    expect(ReportRequestSchema.safeParse({ format: 'html', customer: 'x'.repeat(121) }).success).toBe(false);
  });
});
