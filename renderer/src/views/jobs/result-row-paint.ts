import type { ResultRowText } from './result-row-text.ts';

/** A row with no item: every text empty (the hidden cells of a loading row hold nothing). */
const BLANK: ResultRowText = {
  outcome: '',
  evidence: '',
  terminalName: '',
  terminalEndpoint: null,
  terminalTitle: '',
  line: '',
  name: '',
  id: '',
  idKind: '',
  idTitle: '',
  outcomeText: '',
  outcomeTitle: '',
  evidenceText: '',
  evidenceClass: '',
  reason: '',
  code: '',
  attempts: '',
};

/** What a row element shows: the item's position, its texts (null: loading) and the loading text. */
interface Painted {
  index: number;
  text: ResultRowText | null;
  loading: string;
}

/** What each pooled row element shows now, so that a row whose item stays is not touched. */
const painted = new WeakMap<Element, Painted>();

/**
 * The class of a results row (`loading`: its page is being read), its cells' classes and whether each of its
 * parts is hidden: what `JobResultRow` renders and {@link paintResultRow} paints, from one place.
 */
export function rowClass(loading: boolean): string {
  return loading ? 'result-row result-row-loading' : 'result-row';
}

/** The class of the evidence cell (`evidenceClass` of the row's texts). */
export function evidenceCellClass(text: ResultRowText | null): string {
  return text ? `cell ${text.evidenceClass}` : 'cell';
}

/** The class of the outcome badge. */
export function outcomeClass(text: ResultRowText | null): string {
  return text ? `outcome outcome-${text.outcome}` : 'outcome';
}

/**
 * Shows item `index` (its texts `text`, or `loading` while its page is being read) in a row element of the
 * pool that `JobResultRow` rendered, at `top` px: only what differs from what the element shows is written
 * (a text node's value, an attribute), so an unchanged cell costs Blink nothing. A loading row hides the item's
 * cells and empties them; a loaded row hides and empties the loading cell: the DOM is what React renders for
 * the same row (the test compares them).
 */
export function paintResultRow(
  row: HTMLElement,
  index: number,
  top: number,
  text: ResultRowText | null,
  loading: string,
): void {
  const known = painted.get(row);
  if (known && known.index === index && known.text === text && known.loading === loading) return;
  painted.set(row, { index, text, loading });
  const shown = text ?? BLANK;
  const waiting = text === null;
  setAttribute(row, 'aria-rowindex', String(index + 2));
  const transform = `translateY(${top}px)`;
  if (row.style.transform !== transform) row.style.transform = transform;
  setAttribute(row, 'class', rowClass(waiting));
  setAttribute(row, 'data-testid', waiting ? null : 'result-row');
  setAttribute(row, 'data-outcome', text?.outcome ?? null);
  setAttribute(row, 'data-evidence', text?.evidence ?? null);
  const cells = row.children;
  const terminal = cell(cells[0], waiting, shown.terminalTitle);
  setText(terminal?.children[0], shown.terminalName);
  const endpoint = terminal?.children[1] as HTMLElement | undefined;
  if (endpoint) setHidden(endpoint, shown.terminalEndpoint === null);
  setText(endpoint, shown.terminalEndpoint ?? '');
  setText(cell(cells[1], waiting, shown.line), shown.line);
  setText(cell(cells[2], waiting, shown.name), shown.name);
  const id = cell(cells[3], waiting, shown.idTitle);
  setText(id?.children[0], shown.id);
  setText(id?.children[1], shown.idKind);
  const outcome = cell(cells[4], waiting, shown.outcomeTitle)?.children[0];
  if (outcome) setAttribute(outcome, 'class', outcomeClass(text));
  setText(outcome, shown.outcomeText);
  const evidence = cell(cells[5], waiting, shown.evidenceText);
  if (evidence) setAttribute(evidence, 'class', evidenceCellClass(text));
  setText(evidence, shown.evidenceText);
  setText(cell(cells[6], waiting, shown.reason), shown.reason);
  setText(cell(cells[7], waiting, shown.code), shown.code);
  setText(cell(cells[8], waiting, shown.attempts), shown.attempts);
  setText(cell(cells[9], !waiting, null), waiting ? loading : '');
}

/** A cell of the row, hidden (and without a title) or shown with its title; undefined if the row has no such cell. */
function cell(element: Element | undefined, hidden: boolean, title: string | null): HTMLElement | undefined {
  if (!element) return undefined;
  setHidden(element as HTMLElement, hidden);
  setAttribute(element, 'title', hidden ? null : title);
  return element as HTMLElement;
}

/** Hides or shows an element when that changes. */
function setHidden(element: HTMLElement, hidden: boolean): void {
  if (element.hidden !== hidden) element.hidden = hidden;
}

/** Sets (or, for null, removes) an attribute when it differs. */
function setAttribute(element: Element, name: string, value: string | null): void {
  if (element.getAttribute(name) === value) return;
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

/** Sets an element's text when it differs: the value of its one text node, which stays. */
function setText(element: Element | undefined, value: string): void {
  if (!element) return;
  const node = element.firstChild;
  if (node === null) {
    if (value !== '') element.textContent = value;
  } else if (node.nodeValue !== value) {
    if (value === '') element.textContent = '';
    else node.nodeValue = value;
  }
}
