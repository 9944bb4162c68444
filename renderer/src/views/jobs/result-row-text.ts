import type { TFunction } from 'i18next';
import type { JobItem } from '../../../../shared/domain/removal.ts';
import { displayNameOf, type Terminal } from '../../../../shared/domain/terminal.ts';
import { itemReasonText } from '../../components/item-reason.ts';
import { endpointOf } from '../../store/devices/terminal-table.ts';
import { evidenceText } from './evidence-text.ts';
import { terminalLabel } from './terminal-label.ts';

/** Everything one row of the results table shows of its item, as text (and the row's data attributes). */
export interface ResultRowText {
  /** `data-outcome`: the item's outcome, `pending` before it has one. */
  outcome: string;
  /** `data-evidence`: the kind of evidence recorded, `none` without. */
  evidence: string;
  terminalName: string;
  /** The terminal's address under its name; null when it left the inventory (its serial is shown). */
  terminalEndpoint: string | null;
  terminalTitle: string;
  line: string;
  name: string;
  id: string;
  idKind: string;
  idTitle: string;
  outcomeText: string;
  outcomeTitle: string;
  evidenceText: string;
  evidenceClass: string;
  reason: string;
  code: string;
  attempts: string;
}

/** Translations one cache keeps before it starts again (the keys are a small set: outcomes, evidence, codes). */
const MAX_CACHED_TRANSLATIONS = 1_000;

const cachedTranslators = new WeakMap<TFunction, TFunction>();

/**
 * `t` with its answers kept: a row's texts call it about ten times with a handful of keys, and i18next resolves
 * every call afresh (about 13 µs each, a tenth of a scroll's script). A new `t` (another language) has its own.
 */
export function cachedT(t: TFunction): TFunction {
  const known = cachedTranslators.get(t);
  if (known) return known;
  const answers = new Map<string, string>();
  const translate = (key: string, options?: Record<string, unknown>): string => {
    const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    let answer = answers.get(id);
    if (answer === undefined) {
      if (answers.size >= MAX_CACHED_TRANSLATIONS) answers.clear();
      answer = String(options === undefined ? t(key) : t(key, options));
      answers.set(id, answer);
    }
    return answer;
  };
  // The wrapper takes the calls the row's texts make (a key, and options for interpolation or a default).
  const wrapped = translate as unknown as TFunction;
  cachedTranslators.set(t, wrapped);
  return wrapped;
}

/**
 * Why the item is where it is: its recorded reason in the user's language; for an item queued without one (its
 * terminal, or the cloud of an Alibaba Cloud job, did not answer), the sync queue's words for it.
 */
function reasonOf(t: TFunction, language: string, item: JobItem, cloud: boolean): string | null {
  const said = itemReasonText(t, language, item);
  if (said !== null || item.outcome !== 'queued') return said;
  return t(cloud ? 'sync.reason.cloud-unreachable' : 'sync.reason.terminal-offline');
}

/**
 * The texts of one item's row (`cloud`: an Alibaba Cloud job, whose evidence is the cloud's). Vendor codes and
 * reasons stay plain text; the row renders them as text, never as markup.
 */
export function resultRowText(
  t: TFunction,
  language: string,
  item: JobItem,
  terminal: Terminal | undefined,
  cloud: boolean,
): ResultRowText {
  const outcome = item.outcome ?? 'pending';
  const none = t('devices.none');
  const unnamed = t('devices.unnamed');
  const id = item.faceId ? `${item.nativeId} / ${item.faceId}` : item.nativeId;
  const evidence = evidenceText(t, item, cloud);
  const outcomeText = t(`jobs.outcome.${outcome}`);
  return {
    outcome,
    evidence: item.evidence ?? 'none',
    terminalName: terminal ? displayNameOf(terminal) || unnamed : item.terminal,
    terminalEndpoint: terminal ? endpointOf(terminal) : null,
    terminalTitle: terminalLabel(terminal, item.terminal, unnamed),
    line: item.line === null ? none : String(item.line),
    name: item.name ?? none,
    id,
    idKind: item.idKind,
    idTitle: `${item.idKind}: ${id}`,
    outcomeText,
    outcomeTitle: evidence ? `${outcomeText} · ${evidence}` : outcomeText,
    evidenceText: evidence ?? none,
    evidenceClass: item.evidence ? 'evidence' : 'evidence muted',
    reason: reasonOf(t, language, item, cloud) ?? none,
    code: item.rawCode ?? none,
    attempts: String(item.attempts),
  };
}

/** What a {@link RowTexts} answer was made from: it is made again when any of them changes. */
interface CachedText {
  text: ResultRowText;
  t: TFunction;
  language: string;
  terminal: Terminal | undefined;
  cloud: boolean;
}

/** The texts of an item's row, made once per item (a page read again brings new items, so new texts). */
export type RowTexts = (
  t: TFunction,
  language: string,
  item: JobItem,
  terminal: Terminal | undefined,
  cloud: boolean,
) => ResultRowText;

/**
 * A cache of {@link resultRowText} by item: a row scrolled back into view, or a table rendered again while the
 * rows in view stay, reuses its texts (the same object, so the row's `memo` holds) until the language, the job's
 * kind or the item's terminal changes. Held weakly: the texts go with the page that held the item.
 */
export function createRowTexts(): RowTexts {
  const texts = new WeakMap<JobItem, CachedText>();
  return (t, language, item, terminal, cloud) => {
    const known = texts.get(item);
    if (known && known.t === t && known.language === language && known.terminal === terminal && known.cloud === cloud)
      return known.text;
    const text = resultRowText(cachedT(t), language, item, terminal, cloud);
    texts.set(item, { text, t, language, terminal, cloud });
    return text;
  };
}
