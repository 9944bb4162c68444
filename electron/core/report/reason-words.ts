import type { OperationState, ReasonCode } from '../../../shared/domain/sync.ts';
import type { WordsLanguage } from './outcome-words.ts';

/** Why an item is where it is (`ReasonCode` of the sync queue), in the report's two languages. */
const REASONS: Record<ReasonCode, Record<WordsLanguage, string>> = {
  'terminal-offline': { en: 'the terminal did not answer; waits in the queue', 'zh-CN': '终端无应答，排队等待' },
  'cloud-unreachable': { en: 'the cloud did not answer; waits in the queue', 'zh-CN': '云端无应答，排队等待' },
  'cloud-task-running': { en: 'the cloud task was still running', 'zh-CN': '云端任务仍在运行' },
  'job-paused': { en: 'the job is paused', 'zh-CN': '任务已暂停' },
  waiting: { en: 'not reached yet', 'zh-CN': '尚未执行' },
  credentials: { en: 'the credentials were refused', 'zh-CN': '凭据被拒绝' },
  invalid: { en: 'cannot succeed as asked: fix the data or discard', 'zh-CN': '按原样无法成功：请修正数据或放弃' },
  failed: { en: 'failed after the retries', 'zh-CN': '重试后仍失败' },
  'drift-absent': { en: 'found absent when read again before sending', 'zh-CN': '发送前重新读取时已不存在' },
  discarded: { en: 'discarded by the technician', 'zh-CN': '技术员已放弃' },
  superseded: { en: 'replaced by a later full push', 'zh-CN': '已被之后的完整下发取代' },
  cancelled: { en: 'cancelled', 'zh-CN': '已取消' },
};

const STATES: Record<OperationState, Record<WordsLanguage, string>> = {
  queued: { en: 'queued', 'zh-CN': '排队' },
  running: { en: 'running', 'zh-CN': '进行中' },
  done: { en: 'done', 'zh-CN': '完成' },
  'needs-attention': { en: 'needs attention', 'zh-CN': '需处理' },
  discarded: { en: 'discarded', 'zh-CN': '已放弃' },
};

/** What "unconfirmed" means for one item, in words. */
const UNCONFIRMED: Record<WordsLanguage, string> = {
  en: 'sent, but no answer or read says what became of it',
  'zh-CN': '已发送，但没有答复或读取能说明结果',
};

/** Why an item is where it is, in words ("the credentials were refused"); empty without a reason. */
export function reasonWords(code: ReasonCode | null, language: WordsLanguage): string {
  return code ? REASONS[code][language] : '';
}

/** Where an item is (state of the sync queue), in words ("needs attention", "需处理"). */
export function stateWords(state: OperationState, language: WordsLanguage): string {
  return STATES[state][language];
}

/** Why an unconfirmed item is not counted as done nor failed, in words. */
export function unconfirmedWords(language: WordsLanguage): string {
  return UNCONFIRMED[language];
}
