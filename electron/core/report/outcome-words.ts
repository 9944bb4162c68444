import type { Evidence } from '../../../shared/domain/removal.ts';

/** Who the evidence came from: a terminal, or a cloud (an Alibaba Cloud removal). */
export type EvidenceSource = 'terminal' | 'cloud';

/** The languages outcomes are put into words in (the report prints both, the CLI English). */
export type WordsLanguage = 'en' | 'zh-CN';

const OUTCOMES: Record<string, Record<WordsLanguage, string>> = {
  removed: { en: 'removed', 'zh-CN': '已删除' },
  'already-absent': { en: 'already absent', 'zh-CN': '原本不存在' },
  failed: { en: 'failed', 'zh-CN': '失败' },
  unconfirmed: { en: 'unconfirmed', 'zh-CN': '未确认' },
  queued: { en: 'queued', 'zh-CN': '排队中' },
  cancelled: { en: 'cancelled', 'zh-CN': '已取消' },
  done: { en: 'done', 'zh-CN': '已完成' },
  pending: { en: 'not finished', 'zh-CN': '未完成' },
};

const EVIDENCE: Record<Evidence, Record<EvidenceSource, Record<WordsLanguage, string>>> = {
  answer: {
    terminal: { en: 'terminal confirmed', 'zh-CN': '终端确认' },
    cloud: { en: 'cloud confirmed', 'zh-CN': '云端确认' },
  },
  'not-found': {
    terminal: { en: 'terminal said not found', 'zh-CN': '终端答复不存在' },
    cloud: { en: 'cloud said not found', 'zh-CN': '云端答复不存在' },
  },
  'item-error': {
    terminal: { en: 'terminal refused this item', 'zh-CN': '终端拒绝了此条' },
    cloud: { en: 'cloud refused this item', 'zh-CN': '云端拒绝了此条' },
  },
  'read-before': {
    terminal: { en: 'read before sending', 'zh-CN': '发送前读取确认' },
    cloud: { en: 'read before sending', 'zh-CN': '发送前读取确认' },
  },
  'read-back': {
    terminal: { en: 'read back', 'zh-CN': '删除后回读确认' },
    cloud: { en: 'read back', 'zh-CN': '删除后回读确认' },
  },
  plan: {
    terminal: { en: 'not sent, decided when planning', 'zh-CN': '未发送，规划时判定' },
    cloud: { en: 'not sent, decided when planning', 'zh-CN': '未发送，规划时判定' },
  },
};

/** What decided an outcome, in words ("terminal confirmed", "read back"); empty without evidence. */
export function evidenceWords(
  evidence: Evidence | null | undefined,
  source: EvidenceSource,
  language: WordsLanguage,
): string {
  return evidence ? EVIDENCE[evidence][source][language] : '';
}

/**
 * An outcome with the evidence that decided it, in words a reviewer can tell apart: "removed (terminal
 * confirmed)", "removed (read back)", "already absent (read before sending)", "unconfirmed"; in Chinese
 * "已删除（终端确认）". A null outcome is an item not finished; an outcome this list does not know is kept as is.
 */
export function outcomeWords(
  outcome: string | null,
  evidence: Evidence | null | undefined,
  source: EvidenceSource,
  language: WordsLanguage,
): string {
  const name = OUTCOMES[outcome ?? 'pending']?.[language] ?? outcome ?? '';
  const why = evidenceWords(evidence, source, language);
  if (why === '') return name;
  return language === 'en' ? `${name} (${why})` : `${name}（${why}）`;
}

/**
 * What decided a job item's outcome, with its verification: "terminal confirmed, read back" when a read after
 * the delete also found it gone (`verified`), "read back" alone when the read decided it; empty without either.
 */
export function itemEvidenceWords(
  item: { evidence?: Evidence | null; verified: boolean | null },
  source: EvidenceSource,
  language: WordsLanguage,
): string {
  const why = evidenceWords(item.evidence, source, language);
  const readAlready = item.evidence === 'read-back' || item.evidence === 'read-before';
  if (item.verified !== true || readAlready) return why;
  const readBack = EVIDENCE['read-back'][source][language];
  if (why === '') return readBack;
  return language === 'en' ? `${why}, ${readBack}` : `${why}，${readBack}`;
}
