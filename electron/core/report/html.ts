import { displayNameOf } from '../../../shared/domain/terminal.ts';
import { outcomeChart } from './chart.ts';
import { HTML_ITEM_LIMIT, type GroupSummary, type ReportData, type ReportOperation } from './collect.ts';
import { escapeHtml as e, formatTime } from './html-escape.ts';
import { outcomeWords } from './outcome-words.ts';
import { signOffSection, type SignOff } from './signoff-html.ts';
import { targetSummarySection } from './summary-html.ts';

const STYLE = `
  @page { size: A4; margin: 14mm; }
  body { font-family: system-ui, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: #111; margin: 24px; }
  h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #999; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
  dl.facts dt { font-weight: 600; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; }
  th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #eee; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .note { color: #555; font-size: 12px; }
  .state-needs-attention { color: #b71c1c; font-weight: 600; } .state-queued { color: #e65100; }
  .outcome-unconfirmed { color: #6a1b9a; font-weight: 600; }
  /* Labels are never cut off: long names, serials and Chinese text wrap inside their cell (never forced onto one
     line, never clipped), so no table is wider than the page. */
  h1, dd, th, td, li, .label { overflow-wrap: anywhere; }
  table { table-layout: auto; max-width: 100%; }
  table.targets td:first-child { min-width: 10em; }
  svg.chart { max-width: 100%; height: auto; }
  ul.why { margin: 4px 0 0; padding-left: 1.1em; } ul.why li { margin: 2px 0; }
  .count, .total { font-weight: 600; font-variant-numeric: tabular-nums; } .zh { color: #333; }
  .sign-off .parties { display: grid; grid-template-columns: 1fr 1fr; gap: 16px 32px; }
  .sign-off h3 { font-size: 14px; margin: 12px 0 6px; }
  dl.sign { display: grid; grid-template-columns: max-content 1fr; gap: 22px 12px; align-items: end; margin: 0; }
  dl.sign dd { margin: 0; } dd.line { border-bottom: 1px solid #111; min-height: 1.5em; }
  dl.sign.when { grid-template-columns: max-content 1fr max-content 1fr; margin-top: 22px; }
  @media print {
    body { margin: 0; } section { break-inside: auto; } h2 { break-after: avoid; }
    thead { display: table-header-group; } tr { break-inside: avoid; }
    .sign-off { break-inside: avoid; }
  }
`;

function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = [],
): string {
  const head = `<thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
}

const COUNT_HEADERS = [
  'Done · 完成',
  'Already absent · 原已不存在',
  'Needs attention · 需处理',
  'Unconfirmed · 未确认',
  'Queued · 排队',
  'Running · 进行中',
  'Discarded · 已放弃',
  'Drift · 变化',
];

function countCells(g: GroupSummary): string[] {
  const c = g.counts;
  return [c.done, g.alreadyAbsent, c['needs-attention'], g.unconfirmed, c.queued, c.running, c.discarded, g.drift].map(
    (n) => e(n),
  );
}

function groupTable(first: string, groups: readonly GroupSummary[]): string {
  return table(
    [first, ...COUNT_HEADERS, 'First queued · 首次排队', 'Last synced · 最后同步'],
    groups.map((g) => [
      `${e(g.name)}<br><span class="note">${e(g.key)}</span>`,
      ...countCells(g),
      e(formatTime(g.firstQueuedAt)),
      e(formatTime(g.lastSyncedAt)),
    ]),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
}

function terminalsTable(data: ReportData): string {
  if (data.terminals.length === 0) return '<p class="note">No terminal was found. · 未发现终端。</p>';
  return table(
    [
      'Name · 名称',
      'Serial · 序列号',
      'Kind · 类型',
      'Model · 型号',
      'Firmware · 固件',
      'Address · 地址',
      'Online · 在线',
      'Last seen · 最后在线',
      'People · 人数',
    ],
    data.terminals.map((t) => [
      e(displayNameOf(t) || '—'),
      e(t.serial),
      e(t.kind),
      e(t.model),
      e(t.firmware),
      e(`${t.address}:${t.port}`),
      t.online ? 'yes · 是' : 'no · 否',
      e(formatTime(t.lastSeen)),
      e(t.peopleCount),
    ]),
    [8],
  );
}

/** How the items' outcomes are put into words, and what `unconfirmed` means, in both languages. */
const OUTCOME_LEGEND = `<p class="note">Each outcome says what decided it: terminal (or cloud) confirmed = its own answer about that item;
  read back = a complete read of the terminal's list after the delete; read before sending = a complete read before
  anything was sent; terminal said not found = its answer of "not found" for that item. Unconfirmed = the request went
  out but no answer or read says what became of the item: it is not counted as removed nor as failed, and a retry
  reads the terminal first. · 每个结果都注明依据：终端（或云端）确认 = 其对该条的答复；删除后回读确认 = 删除后完整读取终端名单；
  发送前读取确认 = 发送前完整读取；终端答复不存在 = 其对该条的"不存在"答复。未确认 = 请求已发出，但没有答复或读取能说明结果：
  既不计为已删除也不计为失败，重试时先读取终端。</p>`;

/** The outcome of an operation with its evidence, in English and Chinese ("removed (read back) · 已删除（删除后回读确认）"). */
function outcomeCell(op: ReportOperation): string {
  if (op.outcome === null) return '';
  const words = [outcomeWords(op.outcome, op.evidence, op.targetKind, 'en')];
  const chinese = outcomeWords(op.outcome, op.evidence, op.targetKind, 'zh-CN');
  if (chinese !== words[0]) words.push(chinese);
  return `<span class="outcome-${e(op.outcome)}">${e(words.join(' · '))}</span>`;
}

function itemsTable(data: ReportData): string {
  const shown = data.items.length;
  const more =
    data.operationCount > shown
      ? `<p class="note">${e(shown)} of ${e(data.operationCount)} operations are listed (every problem first, at most ${e(HTML_ITEM_LIMIT)}); the CSV report has every one.</p>`
      : '';
  return (
    OUTCOME_LEGEND +
    more +
    table(
      [
        'Operation · 操作',
        'Target · 目标',
        'Subject · 对象',
        'State · 状态',
        'Outcome · 结果',
        'Code · 代码',
        'Reason · 原因',
        'Queued · 排队于',
        'Synced · 同步于',
      ],
      data.items.map((op) => [
        `${e(op.id)}<br><span class="note">${e(op.kind)}</span>`,
        // A terminal known only by its address-based serial is named once, not twice.
        `${e(op.targetName)}${op.targetName === op.target ? '' : `<br><span class="note">${e(op.target)}</span>`}${op.channel ? `<br><span class="note">${e(op.channel)}</span>` : ''}`,
        `${e(op.subject)}${op.subjectName ? `<br>${e(op.subjectName)}` : ''}`,
        `<span class="state-${e(op.state)}">${e(op.state)}</span>`,
        outcomeCell(op),
        e(op.rawCode),
        e(
          [
            op.reason,
            op.drift,
            op.discardedBy ? `discarded by ${op.discardedBy} at ${formatTime(op.discardedAt)}` : null,
          ]
            .filter(Boolean)
            .join(' — '),
        ),
        e(formatTime(op.queuedAt)),
        e(formatTime(op.syncedAt)),
      ]),
    )
  );
}

/** `1 terminal`, `3 terminals`: a count with its English noun. */
function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function period(data: ReportData): string {
  const { since, until } = data.range;
  if (since === undefined && until === undefined) return 'Everything journaled · 全部记录';
  return `${formatTime(since ?? null) || '…'} → ${formatTime(until ?? null) || 'now'}`;
}

/**
 * The commissioning report as one self-contained, printable HTML page: no script, no external resource (a
 * Content-Security-Policy says so). It leads with what each terminal (and cloud channel) was asked, confirmed
 * and left open and why; then an inline SVG chart of outcomes, per-terminal and per-channel counts, jobs, drift,
 * the history of discards and retries, the items with their evidence, and the sign-off block (names pre-filled
 * from `signOff` when given). Every value is escaped.
 */
export function renderHtml(data: ReportData, signOff: SignOff = {}): string {
  const t = data.totals;
  const sections = [
    targetSummarySection(data.targets),
    `<section><h2>Summary · 摘要</h2>${outcomeChart(t, data.alreadyAbsent, data.unconfirmed)}
      <p>${e(countOf(data.operationCount, 'operation'))} on ${e(countOf(data.perTerminal.length, 'terminal'))} and ${e(countOf(data.perChannel.length, 'channel'))}.
      ${e(t.done)} done (${e(data.alreadyAbsent)} already absent), ${e(t['needs-attention'])} need attention (${e(data.unconfirmed)} of them unconfirmed: sent, but nothing confirms the outcome; neither removed nor failed), ${e(t.queued)} queued, ${e(t.running)} running, ${e(t.discarded)} discarded.</p>
      <p>${e(t.done)} 项完成（其中 ${e(data.alreadyAbsent)} 项原本不存在），${e(t['needs-attention'])} 项需处理（其中 ${e(data.unconfirmed)} 项未确认：已发送，但没有证据说明结果，既不算已删除也不算失败），${e(t.queued)} 项排队，${e(t.running)} 项进行中，${e(t.discarded)} 项已放弃。</p></section>`,
    `<section><h2>Terminals found · 发现的终端</h2>${terminalsTable(data)}</section>`,
    `<section><h2>Per terminal · 按终端</h2>${groupTable('Terminal · 终端', data.perTerminal)}</section>`,
    `<section><h2>Per channel · 按通道</h2>${data.perChannel.length === 0 ? '<p class="note">No channel operations in this visit. · 本次没有通道操作。</p>' : groupTable('Channel · 通道', data.perChannel)}</section>`,
    `<section><h2>Jobs · 任务</h2>${data.jobs.length === 0 ? '<p class="note">No jobs. · 没有任务。</p>' : groupTable('Job · 任务', data.jobs)}</section>`,
    `<section><h2>Drift · 变化</h2>${
      data.drift.length === 0
        ? '<p class="note">Nothing had changed on the targets while work waited. · 排队期间目标没有变化。</p>'
        : table(
            ['Operation · 操作', 'Target · 目标', 'Change · 变化', 'Queued · 排队于', 'Found · 发现于'],
            data.drift.map((d) => [
              e(d.opId),
              e(d.target),
              `${e(d.kind)}: ${e(d.detail)}`,
              e(formatTime(d.queuedAt)),
              e(formatTime(d.detectedAt)),
            ]),
          )
    }</section>`,
    `<section><h2>Retries and discards · 重试与放弃</h2>${
      data.actions.length === 0
        ? '<p class="note">None. · 无。</p>'
        : table(
            ['When · 时间', 'Operation · 操作', 'Action · 动作', 'By · 操作人', 'Note · 说明'],
            data.actions.map((a) => [e(formatTime(a.at)), e(a.opId), e(a.action), e(a.actor), e(a.note)]),
          )
    }</section>`,
    `<section><h2>Items · 明细</h2>${itemsTable(data)}</section>`,
    signOffSection(signOff),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Commissioning report · ${data.site} · ${formatTime(data.generatedAt)}`)}</title>
<style>${STYLE}</style></head>
<body><header><h1>Commissioning report · 调试报告</h1><dl class="facts">
<dt>Site · 现场</dt><dd>${e(data.site)}</dd><dt>Period · 时段</dt><dd>${e(period(data))}</dd>
<dt>Generated · 生成于</dt><dd>${e(formatTime(data.generatedAt))}</dd><dt>App · 软件</dt><dd>Face Commissioner ${e(data.appVersion)}</dd>
</dl></header>
${sections.join('\n')}
</body></html>
`;
}
