import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../../shared/domain/removal.ts';
import type { OperationState } from '../../../shared/domain/sync.ts';
import { createCore, type Core } from '../compose.ts';
import { createJournal } from '../removal/journal.ts';
import { memorySecrets } from '../../../test/support/removal/test-kit.ts';
import { collectReport, type ReportOperation } from './collect.ts';
import { renderCsv, REPORT_CSV_COLUMNS } from './csv.ts';
import { renderHtml } from './html.ts';
import { outcomeWords } from './outcome-words.ts';

let next = 0;

/** An operation of one removal job on terminal T (or the Alibaba cloud). */
function op(
  subject: string,
  state: OperationState,
  outcome: string | null,
  evidence: Evidence | null,
  targetKind: 'terminal' | 'cloud' = 'terminal',
): ReportOperation {
  next++;
  return {
    id: `removal:${next}`,
    source: 'removal',
    jobId: 'job-e',
    jobLabel: 'evidence.csv',
    kind: 'remove-person',
    targetKind,
    target: targetKind === 'terminal' ? 'T' : 'aliyun',
    targetName: targetKind === 'terminal' ? 'Gate' : 'Alibaba Cloud',
    channel: null,
    subject,
    subjectName: null,
    state,
    outcome,
    reasonCode: null,
    reason: null,
    rawCode: null,
    attempts: 1,
    retryable: state === 'needs-attention',
    queuedAt: null,
    syncedAt: state === 'done' ? 1_700_000_000_000 : null,
    updatedAt: 1_700_000_000_000,
    discardedBy: null,
    discardedAt: null,
    drift: null,
    evidence,
  };
}

const OPERATIONS: ReportOperation[] = [
  op('1001', 'done', 'removed', 'answer'),
  op('1002', 'done', 'removed', 'read-back'),
  op('1003', 'done', 'already-absent', 'not-found'),
  op('1004', 'done', 'already-absent', 'read-before'),
  op('1005', 'needs-attention', 'unconfirmed', null),
  op('1006', 'needs-attention', 'failed', 'item-error'),
  op('u1', 'done', 'removed', 'answer', 'cloud'),
];

/** The text of the items-table row of `subject`, tags stripped. */
function itemRow(html: string, subject: string): string {
  const items = html.split('<h2>').find((s) => s.startsWith('Items')) ?? '';
  const row = items.split('<tr>').find((r) => r.includes(`<td>${subject}`)) ?? '';
  return row
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('outcomes with their evidence in the commissioning report', () => {
  const data = collectReport({
    site: 'Site',
    appVersion: '1.0.0',
    generatedAt: 1_700_000_000_000,
    range: {},
    terminals: [],
    operations: OPERATIONS,
    drift: [],
    actions: [],
  });
  const html = renderHtml(data);

  it('puts each outcome with what decided it in words a reviewer can tell apart, in English and Chinese', () => {
    expect(itemRow(html, '1001')).toContain('removed (terminal confirmed) · 已删除（终端确认）');
    expect(itemRow(html, '1002')).toContain('removed (read back) · 已删除（删除后回读确认）');
    expect(itemRow(html, '1003')).toContain('already absent (terminal said not found) · 原本不存在（终端答复不存在）');
    expect(itemRow(html, '1004')).toContain('already absent (read before sending) · 原本不存在（发送前读取确认）');
    expect(itemRow(html, '1005')).toContain('unconfirmed · 未确认');
    expect(itemRow(html, '1005')).not.toMatch(/removed|failed/);
    expect(itemRow(html, '1006')).toContain('failed (terminal refused this item)');
    expect(itemRow(html, 'u1')).toContain('removed (cloud confirmed) · 已删除（云端确认）');
    expect(html).toContain('Unconfirmed = the request went');
  });

  it('counts unconfirmed apart from done and failed: summary, chart and per terminal', () => {
    expect(data.unconfirmed).toBe(1);
    expect(data.totals).toMatchObject({ done: 5, 'needs-attention': 2 });
    expect(html).toContain('5 done (2 already absent), 2 need attention (1 of them unconfirmed');
    expect(html).toContain('其中 1 项未确认');
    expect(html).toContain('2 (1 unconfirmed · 1 项未确认)</text>');
    // Done, already absent, needs attention, unconfirmed, queued, running, discarded, drift.
    const perTerminal = html.split('<h2>').find((s) => s.startsWith('Per terminal')) ?? '';
    expect(perTerminal.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('Gate T 4 2 2 1 0 0 0 0');
    expect(perTerminal).toContain('Unconfirmed · 未确认');
  });

  it('gives each operation of the CSV its evidence code and its outcome in words', () => {
    const lines = renderCsv([], OPERATIONS)
      .content.replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const column = (line: string | undefined, name: (typeof REPORT_CSV_COLUMNS)[number]) =>
      (line ?? '').split(',')[REPORT_CSV_COLUMNS.indexOf(name)];
    const row = (subject: string) => lines.find((l) => l.split(',')[REPORT_CSV_COLUMNS.indexOf('subject')] === subject);
    expect(lines.slice(1).every((l) => l.split(',').length === REPORT_CSV_COLUMNS.length)).toBe(true);
    expect([column(row('1001'), 'evidence'), column(row('1001'), 'result')]).toEqual([
      'answer',
      'removed (terminal confirmed)',
    ]);
    expect([column(row('1002'), 'evidence'), column(row('1002'), 'result')]).toEqual([
      'read-back',
      'removed (read back)',
    ]);
    expect([column(row('1005'), 'outcome'), column(row('1005'), 'evidence'), column(row('1005'), 'result')]).toEqual([
      'unconfirmed',
      '',
      'unconfirmed',
    ]);
  });

  it('keeps an outcome it does not know, and nothing for an unfinished one', () => {
    expect(outcomeWords('superseded', null, 'terminal', 'en')).toBe('superseded');
    expect(outcomeWords(null, null, 'terminal', 'zh-CN')).toBe('未完成');
  });
});

describe('unconfirmed removals journaled by the engine, in the report', () => {
  let dir: string;
  let core: Core;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-report-unconfirmed-'));
    core = createCore({ dataDir: dir, target: 'cli', mdnsPolicy: 'off', secrets: memorySecrets() });
    const journal = createJournal(core.services.db);
    const planned = (seq: number, id: string) => ({
      seq,
      terminal: 'SN-U',
      terminalKind: 'sophon' as const,
      line: seq + 2,
      name: null,
      personKey: id,
      idKind: 'identity_id',
      nativeId: id,
      faceId: '',
      failure: null,
    });
    journal.createJob('job-u', { mode: 'people', verify: true, devices: 'all' }, 'visit.csv', [
      planned(0, '3001'),
      planned(1, '3002'),
    ]);
    const batch = journal.claimBatch('job-u', 'SN-U', 2);
    if (!batch) throw new Error('no batch');
    journal.acknowledge(batch.id, [
      { itemId: batch.items[0]!.id, outcome: 'removed', rawCode: 'success', reason: null, evidence: 'answer' },
    ]);
    journal.settleUnconfirmed('job-u', 'SN-U', { rawCode: null, reason: 'No per-item answer and no read.' });
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the unconfirmed item apart and never as removed, in the HTML and the CSV', () => {
    const html = core.services.report.build({ format: 'html' }).content;
    expect(html).toContain('1 done (0 already absent), 1 need attention (1 of them unconfirmed');
    expect(itemRow(html, '3002')).toContain('unconfirmed · 未确认');
    const csv = core.services.report.build({ format: 'csv' }).content.split('\r\n');
    expect(csv.find((l) => l.includes(',3002,'))).toContain(',needs-attention,unconfirmed,,unconfirmed,');
  });
});
