import { escapeHtml as e } from './html-escape.ts';
import { outcomeWords, type EvidenceSource, type WordsLanguage } from './outcome-words.ts';
import { reasonWords, stateWords, unconfirmedWords } from './reason-words.ts';
import type { ConfirmedLine, OpenLine, TargetSummary } from './target-summary.ts';

const LANGUAGES: readonly WordsLanguage[] = ['en', 'zh-CN'];

function joined(parts: readonly string[], language: WordsLanguage): string {
  return parts.filter(Boolean).join(language === 'en' ? ' — ' : '——');
}

function confirmedText(line: ConfirmedLine, source: EvidenceSource, language: WordsLanguage): string {
  return joined(
    [
      outcomeWords(line.outcome, line.evidence, source, language),
      line.driftAbsent ? reasonWords('drift-absent', language) : '',
    ],
    language,
  );
}

function openText(line: OpenLine, source: EvidenceSource, language: WordsLanguage): string {
  const outcome =
    line.outcome === null || line.outcome === 'queued' || line.outcome === 'cancelled'
      ? ''
      : outcomeWords(line.outcome, line.evidence, source, language);
  const why = line.outcome === 'unconfirmed' ? unconfirmedWords(language) : reasonWords(line.reasonCode, language);
  const code = line.rawCode ? `${language === 'en' ? 'code' : '代码'} ${line.rawCode}` : '';
  const state = stateWords(line.state, language);
  const colon = language === 'en' ? ': ' : '：';
  return joined([outcome ? `${state}${colon}${outcome}` : state, why, code], language);
}

/** One line of a cell: the count, then the words in English and Chinese (each escaped). */
function lineItem(count: number, words: (language: WordsLanguage) => string, className = ''): string {
  const [en, zh] = LANGUAGES.map(words);
  const chinese = zh && zh !== en ? `<br><span class="zh">${e(zh)}</span>` : '';
  return `<li${className ? ` class="${className}"` : ''}><span class="count">${e(count)} ×</span> ${e(en)}${chinese}</li>`;
}

function label(t: TargetSummary): string {
  const kind = t.kind === 'terminal' ? 'terminal · 终端' : t.kind === 'channel' ? 'channel · 通道' : 'cloud · 云端';
  return `<strong class="label">${e(t.name)}</strong><br><span class="note label">${e([...t.details, kind].join(' · '))}</span>`;
}

function row(t: TargetSummary): string {
  const source: EvidenceSource = t.kind === 'terminal' ? 'terminal' : 'cloud';
  const confirmed =
    t.confirmedBy.length === 0
      ? '<span class="note">—</span>'
      : `<ul class="why">${t.confirmedBy.map((l) => lineItem(l.count, (lang) => confirmedText(l, source, lang))).join('')}</ul>`;
  const open =
    t.openBy.length === 0
      ? t.asked === 0
        ? '<span class="note">Nothing asked · 无操作</span>'
        : '<span class="note">None · 无</span>'
      : `<ul class="why">${t.openBy
          .map((l) =>
            lineItem(
              l.count,
              (lang) => openText(l, source, lang),
              l.state === 'needs-attention' ? 'state-needs-attention' : `state-${l.state}`,
            ),
          )
          .join('')}</ul>`;
  return `<tr data-target="${e(t.key)}"><td>${label(t)}</td><td class="n">${e(t.asked)}</td><td><span class="total">${e(t.confirmed)}</span>${confirmed}</td><td><span class="total">${e(t.open)}</span>${open}</td></tr>`;
}

/**
 * The report's lead: per terminal (and per cloud channel and cloud), what was asked (items), what it confirmed
 * with the evidence that decided each outcome, and what is unconfirmed, failed or still open, with the reasons
 * grouped and counted. Names and serials are printed whole (the print CSS wraps them).
 */
export function targetSummarySection(targets: readonly TargetSummary[]): string {
  const body =
    targets.length === 0
      ? '<p class="note">No terminal was found and nothing was asked. · 未发现终端，也没有操作。</p>'
      : `<table class="targets" aria-label="Per-terminal summary"><thead><tr><th>Terminal or channel · 终端或通道</th><th>Asked · 下发</th><th>Confirmed, with the evidence · 已确认及依据</th><th>Unconfirmed, failed or open, and why · 未确认、失败或未完成及原因</th></tr></thead><tbody>
${targets.map(row).join('\n')}
</tbody></table>`;
  return `<section id="per-terminal-summary"><h2>What each terminal confirmed · 各终端确认结果</h2>
<p class="note">Asked = items sent to it in this visit. Confirmed = done, each with what decided it (legend under Items). · 下发 = 本次发给它的条目数。已确认 = 已完成，并注明依据（见明细中的说明）。</p>
${body}</section>`;
}
