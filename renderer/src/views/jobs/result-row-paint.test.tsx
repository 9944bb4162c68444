import { Window } from 'happy-dom';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../../../shared/domain/terminal.ts';
import { jobItem as item } from '../../../../test/support/jobs/job-item.ts';
import { createI18n } from '../../i18n/index.ts';
import { JobResultRow } from './JobResultRow.tsx';
import { paintResultRow } from './result-row-paint.ts';
import { resultRowText, type ResultRowText } from './result-row-text.ts';

const LOADING = 'Loading…';

const TERMINAL = {
  serial: 'SPH-1',
  kind: 'sophon',
  name: 'Entrance',
  address: '192.0.2.10',
  port: 80,
  online: true,
} as unknown as Terminal;

/** A DOM of a real implementation (happy-dom), outside any page: the painter writes it as it writes Chromium's. */
const { document, MutationObserver } = new Window();

/** What React renders for a row showing `text` (null: loading), parsed into the DOM the painter writes. */
function rendered(index: number, text: ResultRowText | null): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = renderToStaticMarkup(
    <JobResultRow id="row-3" index={index} top={index * 36} text={text} loading={LOADING} />,
  );
  return host.firstElementChild as unknown as HTMLElement;
}

/**
 * A subtree as markup that compares whatever order the attributes were written in: attributes sorted by name,
 * the style as the DOM serialises it (`transform: …;` whether parsed or set), text nodes quoted one by one.
 */
function canonical(node: Node): string {
  if (node.nodeType === node.TEXT_NODE) return JSON.stringify(node.nodeValue);
  const element = node as HTMLElement;
  const attributes = [...element.attributes]
    .map(({ name, value }) => [name, name === 'style' ? element.style.cssText : value] as const)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  const tag = element.tagName.toLowerCase();
  return `<${tag}${attributes}>${[...element.childNodes].map(canonical).join('')}</${tag}>`;
}

/** Counts the DOM writes under `row` from now on (every attribute, text and child list change). */
function writesTo(row: HTMLElement): () => number {
  const observer = new MutationObserver(() => undefined);
  observer.observe(row as never, { subtree: true, childList: true, characterData: true, attributes: true });
  let writes = 0;
  return () => (writes += observer.takeRecords().length);
}

describe('paintResultRow: a pooled row shows what React renders for the item it is given', async () => {
  const t = (await createI18n('en')).t;
  const texts = {
    loaded: resultRowText(t, 'en', item(1), TERMINAL, false),
    // Its terminal left the inventory: no address under the serial; a failure with a reason and a code.
    orphan: resultRowText(
      t,
      'en',
      item(2, { terminal: 'GONE-9', outcome: 'failed', evidence: null, rawCode: '500', attempts: 3 }),
      undefined,
      false,
    ),
    queued: resultRowText(t, 'en', item(3, { outcome: 'queued', evidence: null }), TERMINAL, true),
    loading: null,
  };

  for (const [fromName, from] of Object.entries(texts)) {
    for (const [toName, to] of Object.entries(texts)) {
      it(`paints a row that showed ${fromName} as ${toName}`, () => {
        const row = rendered(4, from);
        paintResultRow(row, 57, 57 * 36, to, LOADING);
        expect(canonical(row)).toBe(canonical(rendered(57, to)));
      });
    }
  }

  it('writes nothing to a row that already shows the item (it keeps its text nodes)', () => {
    const row = rendered(4, texts.orphan);
    paintResultRow(row, 4, 4 * 36, texts.orphan, LOADING);
    const writes = writesTo(row);
    const node = row.children[2]?.firstChild;
    paintResultRow(row, 5, 5 * 36, texts.loaded, LOADING);
    const painted = writes();
    expect(painted).toBeGreaterThan(0);
    expect(row.children[2]?.firstChild).toBe(node);
    paintResultRow(row, 5, 5 * 36, texts.loaded, LOADING);
    expect(writes()).toBe(painted);
  });
});
